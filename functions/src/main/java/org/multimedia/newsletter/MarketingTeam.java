package org.multimedia.newsletter;

import java.util.Set;

/**
 * The members of the Cognito group {@code marketing} (the user pool in production), as far as a
 * test send may go to them: the addresses of its confirmed, enabled accounts whose email is
 * verified, normalised as {@code identity/EmailAddress} does.
 */
public interface MarketingTeam {

    Set<String> verifiedAddresses();
}
