/**
 * What every feature needs about a person and nothing feature-specific: {@link org.multimedia.identity.EmailAddress},
 * {@link org.multimedia.identity.Language}, the account look-up ({@link org.multimedia.identity.Accounts}),
 * an account's place on the mailing list ({@link org.multimedia.identity.MailingListMembership}) and the
 * security events ({@link org.multimedia.identity.AuthEvents}). It uses no feature, so every feature may use
 * it ({@code DependencyRulesTest}). The live-session port and the live caller stay in {@code core}: the HTTP
 * edge resolves them before any feature runs.
 */
package org.multimedia.identity;
