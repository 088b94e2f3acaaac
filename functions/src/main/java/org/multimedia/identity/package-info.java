/**
 * What every feature needs about a person and nothing feature-specific: {@link org.multimedia.identity.EmailAddress},
 * {@link org.multimedia.identity.Language}, the account look-up ({@link org.multimedia.identity.Accounts}),
 * an account's place on the mailing list ({@link org.multimedia.identity.MailingListMembership}), the
 * live-session port ({@link org.multimedia.identity.LiveSessions}) and the live caller the HTTP edge resolves
 * with it before any feature runs ({@link org.multimedia.identity.LiveUser}), and the security events
 * ({@link org.multimedia.identity.AuthEvents}). It uses no feature, so every feature may use it
 * ({@code DependencyRulesTest}).
 */
package org.multimedia.identity;
