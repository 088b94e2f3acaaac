package org.multimedia.identity;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's place on the newsletter's mailing list, as the account feature needs it: sign-up's
 * "subscribe me", the flag {@code GET /account/me} shows, and forgetting the address with the
 * account. The newsletter owns the list ({@code newsletter/MailingList} extends this port), so
 * accounts reach it through here and never import the newsletter.
 *
 * <p>A subscription belongs to the identity that subscribed (its Cognito {@code sub}), not to the
 * address: an identity deleted with Cognito's own {@code DeleteUser} (a stolen access token skips
 * our clean-up) leaves its row behind, and a later identity at the same address must not inherit
 * it ({@link Subscription#notHeldBy}).
 */
public interface MailingListMembership {

    /** Consent source: the sign-up form's "subscribe me". */
    String SIGN_UP = "sign_up";

    /** Why a subscription is not the identity's: no identity at the address any more. */
    String NO_ACCOUNT = "no_account";
    /** ... an identity at the address whose address is not confirmed (a sign-up pending). */
    String NOT_CONFIRMED = "not_confirmed";
    /** ... another identity than the one that subscribed (deleted, and the address signed up again). */
    String OTHER_IDENTITY = "other_identity";

    /**
     * A row of the list as it stands.
     *
     * @param sub       the identity that subscribed; null on rows written before subscriptions recorded it
     * @param consentAt when the consent now in force was given
     */
    record Subscription(boolean subscribed, @Nullable String sub, @Nullable Instant consentAt) {

        /**
         * Why this subscription is not the given identity's (one of the reasons above), or empty
         * when it is. A row without a sub (subscribed before the sub was recorded) is the identity's
         * when the identity already existed at the time of the consent: a later identity at the
         * address was created after it, so it cannot have given it.
         */
        public Optional<String> notHeldBy(Optional<Account> identity) {
            if (identity.isEmpty()) {
                return Optional.of(NO_ACCOUNT);
            }
            Account account = identity.get();
            if (!account.confirmed()) {
                return Optional.of(NOT_CONFIRMED);
            }
            if (sub != null) {
                return sub.equals(account.sub()) ? Optional.empty() : Optional.of(OTHER_IDENTITY);
            }
            boolean consentBeforeIdentity = consentAt != null && account.createdAt() != null
                    && consentAt.isBefore(account.createdAt());
            return consentBeforeIdentity ? Optional.of(OTHER_IDENTITY) : Optional.empty();
        }
    }

    /**
     * Subscribes the address for the identity {@code sub} (idempotent), recording the consent
     * (time, source, language) when that identity was not subscribed; an identity already
     * subscribed keeps its first consent. A row left by another identity is replaced: fresh
     * consent, this sub, and a new subscriber id (links mailed to the other one name nothing of this one).
     */
    void subscribe(EmailAddress email, String sub, Language language, String consentSource);

    /** The address's row, subscribed or not; empty when the address is not on the list. */
    Optional<Subscription> subscription(EmailAddress email);

    /** Whether the identity itself is subscribed (not an earlier identity at its address). */
    default boolean isSubscribed(Account identity) {
        return subscription(identity.email())
                .filter(s -> s.subscribed() && s.notHeldBy(Optional.of(identity)).isEmpty())
                .isPresent();
    }

    /**
     * The row follows its identity's new language ({@code PATCH /account/me}): its {@code language}
     * (the unsubscribe page, the newsletter version it is sent) and, while subscribed, the list of
     * that language the campaigns page through; the consent record keeps the language it was
     * given in. Written only if the row is still {@code seen} (same identity, consent and state).
     *
     * @return false when the row changed since it was read (read it again and decide again)
     */
    boolean followLanguage(EmailAddress email, Subscription seen, Language language);

    /** Forgets the address entirely (account deletion). */
    void remove(EmailAddress email);
}
