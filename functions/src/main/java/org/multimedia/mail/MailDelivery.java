package org.multimedia.mail;

import jakarta.inject.Singleton;

/**
 * The mail worker's one job: a queued {@link MailMessage} (decoded and checked by the queue base),
 * completed with the portal's address and links ({@link PortalLinks}, which replace any
 * a message queued by an older version carries), rendered with {@link MailTemplates} and sent
 * with the {@link Mailer}. Every failure throws, so the message is retried and, if it
 * keeps failing, ends in the dead-letter queue: a throttled or unavailable SES succeeds on a
 * later receive; a message that can never be sent (unreadable, unknown template) is counted
 * there and raises the alarm instead of vanishing, and can be redriven once the cause is fixed
 * (the likeliest one: an API deployed with a template the worker does not have yet).
 */
@Singleton
public class MailDelivery {

    private final MailTemplates templates;
    private final Mailer mailer;
    private final SendingReadiness readiness;
    private final WebsiteSettings website;

    public MailDelivery(MailTemplates templates, Mailer mailer, SendingReadiness readiness, WebsiteSettings website) {
        this.templates = templates;
        this.mailer = mailer;
        this.readiness = readiness;
        this.website = website;
    }

    /** The template of a message queued only so that a request did the same work as one that sends mail. */
    public static final String NOTHING = "nothing";

    public void deliver(MailMessage message) {
        readiness.checkOnce(); // a sandboxed account explains the failures that follow: said once per container
        if (!NOTHING.equals(message.template())) {
            mailer.send(templates.render(message.withValues(PortalLinks.of(website))));
        }
    }
}
