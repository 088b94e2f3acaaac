package org.multimedia.identity;

/**
 * A signed-in caller whose session is live: the account the user pool holds now for the access
 * token the request carried, checked before the handler ran ({@code http/Callers}). Services act
 * for it and never see the token.
 */
public record LiveUser(String sub, String username, boolean verified) {
}
