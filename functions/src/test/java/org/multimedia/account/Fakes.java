package org.multimedia.account;

import org.multimedia.core.HmacKeys;

import io.micronaut.json.JsonMapper;
import org.multimedia.account.codes.CodeHasher;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.account.codes.CodeStore;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.QuotaStore;
import org.multimedia.account.codes.SendLimiter;
import org.multimedia.account.codes.SendQuota;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.account.codes.WrongCodeBudget;
import org.multimedia.core.WindowCounters;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.MailingListMembership;
import org.multimedia.mail.MailDelivery;
import org.multimedia.mail.MailMessage;
import org.multimedia.mail.MailOutbox;
import org.multimedia.mail.MailTemplates;
import org.multimedia.mail.OutboundEmail;
import org.multimedia.mail.PortalLinks;
import org.multimedia.mail.WebsiteSettings;
import org.multimedia.testing.MutableClock;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the ports, so services are tested without AWS. */
final class Fakes {

    private Fakes() {
    }

    /**
     * Where the fakes' port calls can be held: each call first passes {@link #at}, which does
     * nothing unless a test installs a hook ({@link Interleaving} runs two requests step by step).
     */
    static final class Pauses {
        volatile java.util.function.Consumer<String> hook = step -> { };

        void at(String step) {
            hook.accept(step);
        }
    }

    static final class Codes implements CodeStore {
        final Map<String, PendingCode> items = new ConcurrentHashMap<>();
        final Pauses pauses;

        Codes() {
            this(new Pauses());
        }

        Codes(Pauses pauses) {
            this.pauses = pauses;
        }

        @Override
        public void put(PendingCode code) {
            pauses.at("codes.put " + code.key());
            items.put(code.key(), code);
        }

        @Override
        public Optional<PendingCode> find(String key) {
            pauses.at("codes.find " + key);
            return Optional.ofNullable(items.get(key));
        }

        @Override
        public Optional<PendingCode> takeAttempt(String key, int maxAttempts, Instant expiresAtIfNew) {
            pauses.at("codes.takeAttempt " + key);
            return countAttempt(key, maxAttempts, expiresAtIfNew);
        }

        private synchronized Optional<PendingCode> countAttempt(String key, int maxAttempts, Instant expiresAtIfNew) {
            PendingCode code = items.get(key);
            if (code == null) {
                code = new PendingCode(key, null, expiresAtIfNew, maxAttempts, Map.of());
            }
            if (code.attemptsLeft() <= 0) {
                return Optional.empty();
            }
            PendingCode counted = new PendingCode(key, code.codeHash(), code.expiresAt(), code.attemptsLeft() - 1,
                    code.attributes());
            items.put(key, counted);
            return Optional.of(counted);
        }

        @Override
        public boolean consume(String key, String codeHash) {
            pauses.at("codes.consume " + key);
            return remove(key, codeHash);
        }

        private synchronized boolean remove(String key, String codeHash) {
            PendingCode code = items.get(key);
            if (code == null || !codeHash.equals(code.codeHash())) {
                return false;
            }
            items.remove(key);
            return true;
        }

        @Override
        public void delete(String key) {
            pauses.at("codes.delete " + key);
            items.remove(key);
        }
    }

    /** Logs in against the fake identities' passwords; confirmed accounts only. */
    static class Logins implements Authenticator {
        final Identities identities;

        Logins(Identities identities) {
            this.identities = identities;
        }

        @Override
        public Outcome logIn(EmailAddress email, String password) {
            Account account = identities.accounts.get(email.value());
            if (account == null || !password.equals(identities.passwords.get(email.value()))) {
                return new Outcome(null, Refusal.WRONG_CREDENTIALS);
            }
            return account.confirmed() ? new Outcome(new SessionTokens("id", "access", "refresh", 900, "Bearer"), null)
                    : new Outcome(null, Refusal.NOT_CONFIRMED);
        }

        @Override
        public Optional<SessionTokens> refresh(EmailAddress email, String refreshToken) {
            return Optional.empty();
        }

        @Override
        public void signOutEverywhere(EmailAddress email) {
            identities.pauses.at("signOutEverywhere");
        }

        @Override
        public void revoke(EmailAddress email, String refreshToken) {
        }

        @Override
        public void setPassword(EmailAddress email, String password) {
            identities.pauses.at("setPassword");
            identities.passwords.put(email.value(), password);
        }
    }

    static final class Counters implements WindowCounters {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Override
        public synchronized boolean tryIncrement(String key, int max, Instant forgetAfter) {
            int count = counts.getOrDefault(key, 0);
            if (count >= max) {
                return false;
            }
            counts.put(key, count + 1);
            return true;
        }

        @Override
        public synchronized void decrement(String key) {
            counts.computeIfPresent(key, (k, count) -> Math.max(0, count - 1));
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }
    }

    static final class Quotas implements QuotaStore {
        final Map<String, SendQuota.State> items = new HashMap<>();

        @Override
        public Optional<SendQuota.State> find(String key) {
            return Optional.ofNullable(items.get(key));
        }

        @Override
        public boolean save(String key, SendQuota.State state, Instant forgetAfter) {
            SendQuota.State current = items.get(key);
            long stored = current == null ? 0 : current.version();
            if (stored != state.version() - 1) {
                return false;
            }
            items.put(key, state);
            return true;
        }
    }

    static final class Identities implements IdentityStore, UnconfirmedIdentities {
        final Map<String, Account> accounts = new HashMap<>();
        final Map<String, String> passwords = new HashMap<>();
        final Pauses pauses;
        /** How many identities were created (each sign-up that created one mails one code). */
        int created;
        /** The creation time of the next identities (the clean-up's tests move it). */
        Instant createdAt = Instant.EPOCH;
        int pageSize = 60;

        Identities() {
            this(new Pauses());
        }

        Identities(Pauses pauses) {
            this.pauses = pauses;
        }

        @Override
        public Optional<Account> find(EmailAddress email) {
            pauses.at("identities.find");
            return Optional.ofNullable(accounts.get(email.value()));
        }

        @Override
        public Optional<String> create(EmailAddress email, String password, Language language) {
            pauses.at("identities.create");
            if (accounts.containsKey(email.value())) {
                return Optional.empty();
            }
            String sub = java.util.UUID.randomUUID().toString();
            accounts.put(email.value(), new Account(email, false, language, createdAt, sub));
            passwords.put(email.value(), password);
            created++;
            return Optional.of(sub);
        }

        /** The unconfirmed identities, {@link #pageSize} a page (the token is the next index). */
        @Override
        public Page unconfirmed(String pageToken) {
            pauses.at("identities.unconfirmed");
            List<Account> all = accounts.values().stream().filter(a -> !a.confirmed())
                    .sorted(java.util.Comparator.comparing(a -> a.email().value())).toList();
            int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
            int to = Math.min(all.size(), from + pageSize);
            return new Page(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
        }

        @Override
        public boolean confirm(EmailAddress email) {
            pauses.at("identities.confirm");
            Account account = accounts.get(email.value());
            if (account == null) {
                return false;
            }
            accounts.put(email.value(), new Account(email, true, account.language(), account.createdAt(), account.sub()));
            return true;
        }

        /** How many times a language was written to the pool. */
        int languageWrites;

        @Override
        public boolean changeLanguage(EmailAddress email, Language language) {
            pauses.at("identities.changeLanguage");
            Account account = accounts.get(email.value());
            if (account == null) {
                return false;
            }
            languageWrites++;
            accounts.put(email.value(), new Account(email, account.confirmed(), language, account.createdAt(), account.sub()));
            return true;
        }

        @Override
        public void delete(EmailAddress email) {
            pauses.at("identities.delete");
            accounts.remove(email.value());
            passwords.remove(email.value());
        }
    }

    /** The mail queue and its worker in one: each queued message rendered at once. */
    static final class Outbox implements MailOutbox {
        final List<OutboundEmail> sent = new ArrayList<>();
        final List<MailMessage> queued = new ArrayList<>();
        private final MailTemplates templates = new MailTemplates();
        /** The worker's setting (the API functions have none). */
        private final WebsiteSettings website = new WebsiteSettings("https://portal.example");

        /** What the worker would send: every message completed with the portal's links and rendered, but those it drops. */
        @Override
        public void enqueue(MailMessage message) {
            queued.add(message);
            if (!MailDelivery.NOTHING.equals(message.template())) {
                sent.add(templates.render(message.withValues(PortalLinks.of(website))));
            }
        }

        OutboundEmail last() {
            return sent.get(sent.size() - 1);
        }

        /** The 6-digit code in the last email, as a person would read it. */
        String lastCode() {
            var matcher = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(last().text());
            if (!matcher.find()) {
                throw new AssertionError("no code in: " + last().text());
            }
            return matcher.group(1);
        }
    }

    static final class Newsletter implements MailingListMembership {
        final Set<String> subscribers = new java.util.HashSet<>();
        /** The identity (sub) each address subscribed with. */
        final Map<String, String> subs = new HashMap<>();
        /** Each row's language (the newsletter version, and the list while subscribed). */
        final Map<String, Language> languages = new HashMap<>();
        /** Runs before each conditional language write: a test changes the row there, as a concurrent request would. */
        Runnable beforeFollow = () -> { };
        int languageWrites;

        @Override
        public void subscribe(EmailAddress email, String sub, Language language, String source) {
            subscribers.add(email.value());
            subs.put(email.value(), sub);
            languages.put(email.value(), language);
        }

        /** As the adapter: written only if the row is still the one read (identity and state). */
        @Override
        public boolean followLanguage(EmailAddress email, Subscription seen, Language language) {
            beforeFollow.run();
            Optional<Subscription> now = subscription(email);
            if (now.isEmpty() || !java.util.Objects.equals(now.get().sub(), seen.sub())
                    || now.get().subscribed() != seen.subscribed()) {
                return false;
            }
            languageWrites++;
            languages.put(email.value(), language);
            return true;
        }

        /** The language of the list the address is on, or empty when it is on none. */
        Optional<Language> list(EmailAddress email) {
            return subscribers.contains(email.value()) ? Optional.ofNullable(languages.get(email.value())) : Optional.empty();
        }

        @Override
        public Optional<Subscription> subscription(EmailAddress email) {
            return subs.containsKey(email.value())
                    ? Optional.of(new Subscription(subscribers.contains(email.value()), subs.get(email.value()), null))
                    : Optional.empty();
        }

        @Override
        public void remove(EmailAddress email) {
            subscribers.remove(email.value());
            subs.remove(email.value());
            languages.remove(email.value());
        }
    }

    /** Security events that are not logged (thousands of schedules would print megabytes). */
    static final class QuietEvents extends AuthEvents {
        QuietEvents(java.time.Clock clock) {
            super(clock, HmacKeys.of("test-key"));
        }

        @Override
        public void record(String event, String outcome, EmailAddress email) {
        }
    }

    /** A whole registration service wired to fakes. */
    static final class World {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        final Pauses pauses = new Pauses();
        final Codes codes = new Codes(pauses);
        final Quotas quotas = new Quotas();
        final Identities identities = new Identities(pauses);
        final Outbox outbox = new Outbox();
        final Newsletter newsletter = new Newsletter();
        final CodeSettings settings = CodeSettings.defaults();
        final CodeHasher hasher = new CodeHasher(HmacKeys.of("test-key"));
        final AuthEvents events;
        final Counters counters = new Counters();
        final VerificationCodes verificationCodes;
        final AccountMail accountMail = new AccountMail(outbox, settings);
        final SignUpSettings signUpSettings = SignUpSettings.defaults();
        final IdentityConfirmation confirmation;
        final Registration registration;

        World() {
            this(false);
        }

        /** {@code quiet}: security events are not logged. */
        World(boolean quiet) {
            events = quiet ? new QuietEvents(clock) : new AuthEvents(clock, HmacKeys.of("test-key"));
            verificationCodes = new VerificationCodes(codes, hasher, clock, settings, new SecureRandom(), events,
                    new WrongCodeBudget(counters, clock, settings, events));
            confirmation = new IdentityConfirmation(identities, events);
            registration = new Registration(identities, verificationCodes,
                    new SendLimiter(quotas, clock, settings), accountMail,
                    newsletter, new PasswordPolicy(PasswordSettings.defaults()), events, new Logins(identities), confirmation,
                    new SignUpBudget(counters, clock, signUpSettings, events));
        }
    }
}
