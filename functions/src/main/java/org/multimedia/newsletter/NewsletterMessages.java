package org.multimedia.newsletter;

import org.multimedia.core.Primed;
import java.util.List;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.multimedia.mail.MailTemplates;
import org.multimedia.mail.OutboundEmail;
import org.multimedia.mail.PortalLinks;
import org.multimedia.mail.WebsiteSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One recipient's newsletter as MIME: the campaign's html/text inside {@code mail/newsletter.LANG.*}
 * (footer with the recipient's own unsubscribe link) and the RFC 8058 headers
 * {@code List-Unsubscribe: <url>} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}.
 */
@Singleton
public class NewsletterMessages implements Primed {

    private final MailTemplates templates;
    private final WebsiteSettings website;
    private final NewsletterSenderSettings sender;
    private final Clock clock;
    private final UnsubscribeLinks links;
    private final SecureRandom random;
    private final Session session = Session.getInstance(new Properties());

    public NewsletterMessages(MailTemplates templates, WebsiteSettings website, NewsletterSenderSettings sender, Clock clock,
                              UnsubscribeLinks links, SecureRandom random) {
        this.templates = templates;
        this.website = website;
        this.sender = sender;
        this.clock = clock;
        this.links = links;
        this.random = random;
    }

    /** The send job's newsletter: in the campaign's language (or the subscriber's), with the subscriber's own link. */
    public byte[] render(Campaigns.Content campaign, SendJob job) {
        String language = campaign.language() != null ? campaign.language() : job.language();
        return render(campaign, job.email(), "fr".equals(language) ? "fr" : "en", unsubscribeUrl(job));
    }

    /** Subscribers get their own link; a test address gets one signed for an id nobody has (it unsubscribes nobody). */
    private String unsubscribeUrl(SendJob job) {
        if (job.subscriberId() != null) {
            return links.url(job.subscriberId());
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return links.url("test-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    byte[] render(Campaigns.Content campaign, String to, String language, String unsubscribeUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", campaign.subject());
        model.put("html", campaign.html());
        model.put("text", campaign.text());
        model.put("unsubscribeUrl", unsubscribeUrl);
        model.put("test", campaign.test());
        model.putAll(PortalLinks.of(website));
        model.put("lang", language);
        OutboundEmail email = templates.render(to, "newsletter", language, model);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(sender.sender(), true));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(email.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", text, html));
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The newsletter could not be built as MIME", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Before a snapshot: one MIME message built (jakarta.mail loads much on first use), for nobody; it is not sent. */
    @Override
    public void prime() {
        render(new Campaigns.Content("priming", "Priming", "<p>priming</p>", "priming", "en", List.of()),
                "priming@example.invalid", "en", website.url());
    }
}
