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

    static final class Codes implements CodeStore {
        final Map<String, PendingCode> items = new ConcurrentHashMap<>();

        @Override
        public void put(PendingCode code) {
            items.put(code.key(), code);
        }

        @Override
        public Optional<PendingCode> find(String key) {
            return Optional.ofNullable(items.get(key));
        }

        @Override
        public synchronized Optional<PendingCode> takeAttempt(String key, int maxAttempts, Instant expiresAtIfNew) {
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
        public synchronized boolean consume(String key, String codeHash) {
            PendingCode code = items.get(key);
            if (code == null || !codeHash.equals(code.codeHash())) {
                return false;
            }
            items.remove(key);
            return true;
        }

        @Override
        public void delete(String key) {
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
        }

        @Override
        public void setPassword(EmailAddress email, String password) {
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

    static final class Identities implements IdentityStore {
        final Map<String, Account> accounts = new HashMap<>();
        final Map<String, String> passwords = new HashMap<>();

        @Override
        public Optional<Account> find(EmailAddress email) {
            return Optional.ofNullable(accounts.get(email.value()));
        }

        @Override
        public boolean create(EmailAddress email, String password, Language language) {
            if (accounts.containsKey(email.value())) {
                return false;
            }
            accounts.put(email.value(), new Account(email, false, language, Instant.EPOCH));
            passwords.put(email.value(), password);
            return true;
        }

        @Override
        public boolean confirm(EmailAddress email) {
            Account account = accounts.get(email.value());
            if (account == null) {
                return false;
            }
            accounts.put(email.value(), new Account(email, true, account.language(), account.createdAt()));
            return true;
        }

        @Override
        public void delete(EmailAddress email) {
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

        @Override
        public void subscribe(EmailAddress email, Language language, String source) {
            subscribers.add(email.value());
        }

        @Override
        public boolean isSubscribed(EmailAddress email) {
            return subscribers.contains(email.value());
        }

        @Override
        public void remove(EmailAddress email) {
            subscribers.remove(email.value());
        }
    }

    /** A whole registration service wired to fakes. */
    static final class World {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        final Codes codes = new Codes();
        final Quotas quotas = new Quotas();
        final Identities identities = new Identities();
        final Outbox outbox = new Outbox();
        final Newsletter newsletter = new Newsletter();
        final CodeSettings settings = CodeSettings.defaults();
        final CodeHasher hasher = new CodeHasher(HmacKeys.of("test-key"));
        final AuthEvents events = new AuthEvents(clock, HmacKeys.of("test-key"));
        final Counters counters = new Counters();
        final VerificationCodes verificationCodes = new VerificationCodes(codes, hasher, clock, settings, new SecureRandom(), events,
                new WrongCodeBudget(counters, clock, settings, events));
        final AccountMail accountMail = new AccountMail(outbox, settings);
        final Registration registration = new Registration(identities, verificationCodes,
                new SendLimiter(quotas, clock, settings), accountMail,
                newsletter, new PasswordPolicy(PasswordSettings.defaults()), events, new Logins(identities));
    }
}
