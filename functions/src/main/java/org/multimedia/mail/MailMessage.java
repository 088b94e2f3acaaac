package org.multimedia.mail;

import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.queue.Job;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One email waiting in the mail queue: which template, in which language, to whom, with which
 * values (everything the template shows that is the request's: a code, its validity). The
 * portal's address and links are the worker's to add ({@link PortalLinks}), so that the
 * API functions need not know where the portal is. The values may hold a code: never log a message.
 */
@Serdeable
public record MailMessage(String to, String template, String language, Map<String, String> values) implements Job {

    /** A template name or language picks a class-path resource: no dots or slashes. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** The same message with more values (they replace queued values of the same name). */
    public MailMessage withValues(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(values == null ? Map.of() : values);
        all.putAll(more);
        return new MailMessage(to, template, language, Map.copyOf(all));
    }

    @Override
    public boolean complete() {
        return to != null && template != null && language != null
                && NAME.matcher(template).matches() && NAME.matcher(language).matches();
    }
}
