package org.multimedia.mail;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    @Test
    void rendersTheVerificationCodeInEnglish() {
        OutboundEmail mail = templates.render("a@example.com", "verification-code", "en",
                Map.of("code", "012345", "minutes", 30, "website", "https://portal.example", "lang", "en"));
        assertEquals("Your verification code: 012345", mail.subject());
        assertTrue(mail.text().contains("012345"));
        assertTrue(mail.text().contains("This code will expire in 30 minutes."));
        assertTrue(mail.html().contains("<html lang=\"en\">"));
        assertTrue(mail.html().contains(">012345</p>"));
        assertTrue(mail.html().contains("This code will expire in 30 minutes."));
    }

    @Test
    void rendersTheVerificationCodeInFrench() {
        OutboundEmail mail = templates.render("a@example.com", "verification-code", "fr",
                Map.of("code", "987654", "minutes", 30, "website", "https://portal.example", "lang", "fr"));
        assertEquals("Votre code de vérification : 987654", mail.subject());
        assertTrue(mail.text().contains("Ce code expirera dans 30 minutes."));
        assertTrue(mail.html().contains("Ce code expirera dans 30 minutes."));
        assertTrue(mail.html().contains("<html lang=\"fr\">"));
    }

    @Test
    void escapesValuesInHtmlButNotInText() {
        OutboundEmail mail = templates.render("a@example.com", "account-exists", "en",
                Map.of("resetUrl", "https://portal.example/reset?a=1&b=<2>", "website", "https://portal.example", "lang", "en"));
        assertTrue(mail.text().contains("https://portal.example/reset?a=1&b=<2>"));
        assertTrue(mail.html().contains("&amp;b"), mail.html());
        assertTrue(mail.html().contains("&lt;2&gt;"), mail.html());
        assertFalse(mail.html().contains("<2>"));
    }
}
