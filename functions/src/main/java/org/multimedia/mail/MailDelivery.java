package org.multimedia.mail;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.EmbeddedMetrics;
import org.multimedia.identity.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail worker's one job: a queued {@link MailMessage} (decoded and checked by the queue base),
 * completed with the portal's address and links ({@link PortalLinks}, which replace any
 * a message queued by an older version carries), rendered with {@link MailTemplates} and sent
 * with the {@link Mailer}. Every failure throws, so the message is retried and, if it
 * keeps failing, ends in the dead-letter queue: a throttled or unavailable SES succeeds on a
 * later receive; a message that can never be sent (unreadable, unknown template) is counted
 * there and raises the alarm instead of vanishing, and can be redriven once the cause is fixed
 * (the likeliest one: an API deployed with a template the worker does not have yet).
 * <p>
 * An address on the suppression list ({@link SuppressedAddresses}: it bounced permanently or its
 * owner complained) gets nothing: the message is dropped for good (not retried: it would be
 * dropped again), logged without the address and counted (metric {@value #SUPPRESSED}). The API
 * that queued it answered as for any address, so the list cannot be read through it.
 */
@Singleton
public class MailDelivery {

    /** Metric (CloudWatch embedded format): account mail not sent because its address is suppressed. */
    public static final String SUPPRESSED = "AccountMailSuppressed";
    static final String METRICS_NAMESPACE = "MultimediaAccount";

    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

    private final MailTemplates templates;
    private final Mailer mailer;
    private final SendingReadiness readiness;
    private final WebsiteSettings website;
    private final SuppressedAddresses suppressed;

    public MailDelivery(MailTemplates templates, Mailer mailer, SendingReadiness readiness, WebsiteSettings website,
                        SuppressedAddresses suppressed) {
        this.templates = templates;
        this.mailer = mailer;
        this.readiness = readiness;
        this.website = website;
        this.suppressed = suppressed;
    }

    /** The template of a message queued only so that a request did the same work as one that sends mail. */
    public static final String NOTHING = "nothing";

    public void deliver(MailMessage message) {
        readiness.checkOnce(); // a sandboxed account explains the failures that follow: said once per container
        if (NOTHING.equals(message.template())) {
            return;
        }
        if (suppressed.isSuppressed(normalised(message.to()))) {
            LOG.info("Account mail '{}' not sent: its address is on the suppression list", message.template());
            EmbeddedMetrics.count(METRICS_NAMESPACE, SUPPRESSED);
            return;
        }
        mailer.send(templates.render(message.withValues(PortalLinks.of(website))));
    }

    /** The list holds addresses as {@link EmailAddress} normalises them; one that is no address is looked up as it is. */
    private static String normalised(String to) {
        try {
            return EmailAddress.parse(to).value();
        } catch (DomainException notAnAddress) {
            return to;
        }
    }
}
