package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.mail.MailDelivery;
import org.multimedia.mail.MailMessage;
import org.multimedia.mail.MailOutbox;

import java.util.HashMap;
import java.util.Map;

/**
 * The emails of the account flows, in the person's language. They are queued, not sent: the
 * mail worker renders and sends them, so a request costs the same whatever SES does, and an SES
 * outage or throttling delays mail instead of failing a request whose state already changed.
 * The worker adds the portal's address and links (a reset link): an API function does not know
 * where the portal is (template.yaml: it cannot refer to the portal's distribution).
 */
@Singleton
public class AccountMail {

    private final MailOutbox outbox;
    private final CodeSettings codes;

    public AccountMail(MailOutbox outbox, CodeSettings codes) {
        this.outbox = outbox;
        this.codes = codes;
    }

    public void verificationCode(EmailAddress to, Language language, String code) {
        send(to, "verification-code", language, Map.of("code", code, "minutes", minutes()));
    }

    public void accountExists(EmailAddress to, Language language) {
        send(to, "account-exists", language, Map.of());
    }

    public void resetCode(EmailAddress to, Language language, String code) {
        send(to, "reset-code", language, Map.of("code", code, "minutes", minutes()));
    }

    public void passwordChanged(EmailAddress to, Language language) {
        send(to, "password-changed", language, Map.of());
    }

    /**
     * A message the worker drops: queued where an address gets no email, so that the request did
     * the same work as one that mails a code.
     */
    public void nothing(EmailAddress to) {
        send(to, MailDelivery.NOTHING, Language.EN, Map.of());
    }

    private String minutes() {
        return Long.toString(codes.validity().toMinutes());
    }

    private void send(EmailAddress to, String template, Language language, Map<String, String> values) {
        Map<String, String> model = new HashMap<>(values);
        model.put("lang", language.tag());
        outbox.enqueue(new MailMessage(to.value(), template, language.tag(), model));
    }
}
