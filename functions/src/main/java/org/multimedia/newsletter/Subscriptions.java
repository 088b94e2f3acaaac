package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.account.Account;
import org.multimedia.account.EmailAddress;
import org.multimedia.account.IdentityStore;
import org.multimedia.account.Language;
import org.multimedia.core.DomainException;
import org.multimedia.core.LiveUser;

import java.util.Optional;

/**
 * A person's own subscription: from the account page (signed in, session checked live) and from
 * the unsubscribe link of a newsletter (the token names the subscriber). A GET of the link only
 * shows a page; only a POST unsubscribes. Unsubscribing ends the newsletter only: account email
 * (codes, password changes) is not a subscription and never stops.
 */
@Singleton
public class Subscriptions {

    private final NewsletterSubscriptions list;
    private final IdentityStore identities;
    private final UnsubscribeLinks links;
    private final UnsubscribePages pages;

    public Subscriptions(NewsletterSubscriptions list, IdentityStore identities,
                         UnsubscribeLinks links, UnsubscribePages pages) {
        this.list = list;
        this.identities = identities;
        this.links = links;
        this.pages = pages;
    }

    /** Only a confirmed address subscribes; the consent is the account page's, in the account's language. */
    public SubscriptionState subscribe(LiveUser user) {
        EmailAddress email = EmailAddress.parse(user.username());
        Account account = identities.find(email).orElseThrow(DomainException::unauthorized);
        if (!user.verified() || !account.confirmed()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Confirm your email address before subscribing to the newsletter.");
        }
        list.subscribe(email, account.language(), NewsletterSubscriptions.ACCOUNT_PAGE);
        return new SubscriptionState(true);
    }

    public SubscriptionState cancel(LiveUser user) {
        list.unsubscribe(EmailAddress.parse(user.username()));
        return new SubscriptionState(false);
    }

    /** {@code GET} of an unsubscribe link: a page asking to confirm; changes nothing. */
    public UnsubscribePages.Page confirmationPage(Optional<String> token, Optional<String> lang) {
        Optional<NewsletterSubscriptions.Subscription> subscription = token.flatMap(this::lookUp);
        if (subscription.isEmpty()) {
            return pages.render(UnsubscribePages.State.INVALID_LINK, language(lang, Optional.empty()));
        }
        return pages.render(subscription.get().subscribed() ? UnsubscribePages.State.CONFIRM
                : UnsubscribePages.State.ALREADY_UNSUBSCRIBED, language(lang, subscription));
    }

    /** {@code POST} of the link (RFC 8058 one-click or the page's form): idempotent; {@code 400 invalid_token}. */
    public SubscriptionState unsubscribe(Optional<String> token) {
        NewsletterSubscriptions.Subscription subscription = token.flatMap(this::lookUp)
                .orElseThrow(UnsubscribeLinks::invalid);
        list.unsubscribe(subscription.email());
        return new SubscriptionState(false);
    }

    /** The page's own form: as {@link #unsubscribe}, answered with a page saying it is done. */
    public UnsubscribePages.Page unsubscribeFromPage(Optional<String> token, Optional<String> lang) {
        NewsletterSubscriptions.Subscription subscription = token.flatMap(this::lookUp)
                .orElseThrow(UnsubscribeLinks::invalid);
        list.unsubscribe(subscription.email());
        return pages.render(UnsubscribePages.State.UNSUBSCRIBED, language(lang, Optional.of(subscription)));
    }

    /** A token this API made, of a subscriber still on the list (an account deleted since is unknown). */
    private Optional<NewsletterSubscriptions.Subscription> lookUp(String token) {
        String subscriberId;
        try {
            subscriberId = links.subscriberId(token);
        } catch (DomainException invalid) {
            return Optional.empty();
        }
        return list.bySubscriberId(subscriberId);
    }

    private static Language language(Optional<String> lang, Optional<NewsletterSubscriptions.Subscription> subscription) {
        return lang.map(Language::orDefault)
                .orElseGet(() -> subscription.map(NewsletterSubscriptions.Subscription::language).orElse(Language.EN));
    }
}
