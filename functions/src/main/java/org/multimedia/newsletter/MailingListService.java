package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Account;
import org.multimedia.identity.Accounts;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;

import java.util.Optional;

/**
 * A person's own place on the mailing list: from the account page (signed in, session checked
 * live) and from the unsubscribe link of a newsletter (the token names the subscriber). A GET of
 * the link only shows a page; only a POST unsubscribes. Unsubscribing ends the newsletter only:
 * account email (codes, password changes) is not a subscription and never stops.
 */
@Singleton
public class MailingListService {

    private final MailingList list;
    private final Accounts accounts;
    private final UnsubscribeLinks links;
    private final UnsubscribePages pages;

    public MailingListService(MailingList list, Accounts accounts, UnsubscribeLinks links, UnsubscribePages pages) {
        this.list = list;
        this.accounts = accounts;
        this.links = links;
        this.pages = pages;
    }

    /**
     * Only a confirmed address subscribes; the consent is the account page's, in the account's
     * language, and the subscription is the caller's identity's (its sub): a row an earlier
     * identity at the address left (deleted with Cognito's own DeleteUser) is replaced.
     */
    public Subscribed subscribe(LiveUser user) {
        EmailAddress email = EmailAddress.parse(user.username());
        Account account = accounts.find(email).orElseThrow(DomainException::unauthorized);
        if (!user.verified() || !account.confirmed()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Confirm your email address before subscribing to the newsletter.");
        }
        list.subscribe(email, user.sub(), account.language(), MailingList.ACCOUNT_PAGE);
        return new Subscribed(true);
    }

    public Subscribed cancel(LiveUser user) {
        list.unsubscribe(EmailAddress.parse(user.username()));
        return new Subscribed(false);
    }

    /** {@code GET} of an unsubscribe link: a page asking to confirm; changes nothing. */
    public UnsubscribePages.Page confirmationPage(Optional<String> token, Optional<String> lang) {
        Optional<MailingList.Subscriber> subscriber = token.flatMap(this::lookUp);
        if (subscriber.isEmpty()) {
            return pages.render(UnsubscribePages.State.INVALID_LINK, language(lang, Optional.empty()));
        }
        return pages.render(subscriber.get().subscribed() ? UnsubscribePages.State.CONFIRM
                : UnsubscribePages.State.ALREADY_UNSUBSCRIBED, language(lang, subscriber));
    }

    /** {@code POST} of the link (RFC 8058 one-click or the page's form): idempotent; {@code 400 invalid_token}. */
    public Subscribed unsubscribe(Optional<String> token) {
        MailingList.Subscriber subscriber = token.flatMap(this::lookUp).orElseThrow(UnsubscribeLinks::invalid);
        list.unsubscribe(subscriber.email());
        return new Subscribed(false);
    }

    /** The page's own form: as {@link #unsubscribe}, answered with a page saying it is done. */
    public UnsubscribePages.Page unsubscribeFromPage(Optional<String> token, Optional<String> lang) {
        MailingList.Subscriber subscriber = token.flatMap(this::lookUp).orElseThrow(UnsubscribeLinks::invalid);
        list.unsubscribe(subscriber.email());
        return pages.render(UnsubscribePages.State.UNSUBSCRIBED, language(lang, Optional.of(subscriber)));
    }

    /** A token this API made, of a subscriber still on the list (an account deleted since is unknown). */
    private Optional<MailingList.Subscriber> lookUp(String token) {
        String subscriberId;
        try {
            subscriberId = links.subscriberId(token);
        } catch (DomainException invalid) {
            return Optional.empty();
        }
        return list.bySubscriberId(subscriberId);
    }

    private static Language language(Optional<String> lang, Optional<MailingList.Subscriber> subscriber) {
        return lang.map(Language::orDefault)
                .orElseGet(() -> subscriber.map(MailingList.Subscriber::language).orElse(Language.EN));
    }
}
