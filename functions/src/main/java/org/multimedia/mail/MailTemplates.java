package org.multimedia.mail;

import org.multimedia.core.Primed;
import java.util.List;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders an email from Mustache templates under {@code mail/} on the class path:
 * {@code NAME.LANG.txt} (its first line is {@code Subject: ...}) and {@code NAME.LANG.html}.
 * HTML templates escape every value; text templates write values as they are.
 */
@Singleton
public class MailTemplates implements Primed {

    private static final String SUBJECT_PREFIX = "Subject: ";

    private final MustacheFactory html = new DefaultMustacheFactory("mail");
    private final MustacheFactory text = new DefaultMustacheFactory("mail") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** A queued message, its values as the model. */
    public OutboundEmail render(MailMessage message) {
        return render(message.to(), message.template(), message.language(),
                new HashMap<>(message.values() == null ? Map.of() : message.values()));
    }

    public OutboundEmail render(String to, String name, String language, Map<String, Object> model) {
        String plain = render(text, name + "." + language + ".txt", model);
        int endOfSubject = plain.indexOf('\n');
        if (!plain.startsWith(SUBJECT_PREFIX) || endOfSubject < 0) {
            throw new IllegalStateException("Template " + name + "." + language + ".txt must start with 'Subject: '");
        }
        String subject = plain.substring(SUBJECT_PREFIX.length(), endOfSubject).strip();
        String body = plain.substring(endOfSubject + 1).stripLeading();
        return new OutboundEmail(to, subject, body, render(html, name + "." + language + ".html", model));
    }

    private static String render(MustacheFactory factory, String template, Map<String, Object> model) {
        Mustache mustache = factory.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }

    /** Before a snapshot: every template compiled and rendered once with an empty model. */
    @Override
    public void prime() {
        for (String name : List.of("verification-code", "reset-code", "account-exists", "password-changed", "newsletter")) {
            for (String language : List.of("en", "fr")) {
                render("priming@example.invalid", name, language, new HashMap<>());
            }
        }
    }
}
