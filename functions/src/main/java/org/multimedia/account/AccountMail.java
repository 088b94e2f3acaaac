package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.mail.MailTemplates;
import org.multimedia.mail.Mailer;
import org.multimedia.mail.WebsiteSettings;

import java.util.HashMap;
import java.util.Map;

/** The emails of the account flows, in the person's language. */
@Singleton
public class AccountMail {

    private final Mailer mailer;
    private final MailTemplates templates;
    private final WebsiteSettings website;
    private final CodeSettings codes;

    public AccountMail(Mailer mailer, MailTemplates templates, WebsiteSettings website, CodeSettings codes) {
        this.mailer = mailer;
        this.templates = templates;
        this.website = website;
        this.codes = codes;
    }

    public void verificationCode(EmailAddress to, Language language, String code) {
        send(to, "verification-code", language, Map.of("code", code, "minutes", codes.validity().toMinutes()));
    }

    public void accountExists(EmailAddress to, Language language) {
        send(to, "account-exists", language, Map.of("resetUrl", website.url() + "/reset-password"));
    }

    public void resetCode(EmailAddress to, Language language, String code) {
        send(to, "reset-code", language, Map.of("code", code, "minutes", codes.validity().toMinutes()));
    }

    public void passwordChanged(EmailAddress to, Language language) {
        send(to, "password-changed", language, Map.of("resetUrl", website.url() + "/reset-password"));
    }

    private void send(EmailAddress to, String template, Language language, Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("website", website.url());
        model.put("lang", language.tag());
        mailer.send(templates.render(to.value(), template, language.tag(), model));
    }
}
