package org.multimedia.mail;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.HashMap;
import java.util.regex.Pattern;

/**
 * The mail worker's one job: a queued {@link MailMessage}, rendered with {@link MailTemplates}
 * and sent with the {@link Mailer}. Every failure throws, so the message is retried and, if it
 * keeps failing, ends in the dead-letter queue: a throttled or unavailable SES succeeds on a
 * later receive; a message that can never be sent (unreadable, unknown template) is counted
 * there and raises the alarm instead of vanishing, and can be redriven once the cause is fixed
 * (the likeliest one: an API deployed with a template the worker does not have yet).
 */
@Singleton
public class MailDelivery {

    /** A template name or language picks a class-path resource: no dots or slashes. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final JsonMapper json;
    private final MailTemplates templates;
    private final Mailer mailer;
    private final SendingReadiness readiness;

    public MailDelivery(JsonMapper json, MailTemplates templates, Mailer mailer, SendingReadiness readiness) {
        this.json = json;
        this.templates = templates;
        this.mailer = mailer;
        this.readiness = readiness;
    }

    /** The template of a message queued only so that a request did the same work as one that sends mail. */
    public static final String NOTHING = "nothing";

    public void deliver(String body) {
        readiness.checkOnce(); // a sandboxed account explains the failures that follow: said once per container
        MailMessage message = parse(body);
        if (!NOTHING.equals(message.template())) {
            mailer.send(templates.render(message));
        }
    }

    private MailMessage parse(String body) {
        MailMessage message;
        try {
            message = json.readValue(body == null ? "" : body, MailMessage.class);
        } catch (IOException | RuntimeException e) {
            // Not the parser's message: it quotes the body.
            throw new IllegalArgumentException("Unreadable mail message");
        }
        if (message == null || message.to() == null || message.template() == null || message.language() == null
                || !NAME.matcher(message.template()).matches() || !NAME.matcher(message.language()).matches()) {
            throw new IllegalArgumentException("Incomplete mail message");
        }
        return message;
    }
}
