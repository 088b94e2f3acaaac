package org.multimedia.newsletter;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import jakarta.inject.Singleton;
import org.multimedia.identity.Language;

import java.io.StringWriter;
import java.util.Map;

/**
 * The unsubscribe pages, Mustache templates {@code newsletter/unsubscribe-page.LANG.html} on the
 * class path (every value escaped). One template per language, one section per state.
 */
@Singleton
public class UnsubscribePages {

    /** What the page says. */
    public enum State { CONFIRM, ALREADY_UNSUBSCRIBED, UNSUBSCRIBED, INVALID_LINK }

    /** A rendered page and the status it is answered with. */
    public record Page(int status, String html) {
    }

    private final MustacheFactory templates = new DefaultMustacheFactory("newsletter");

    public Page render(State state, Language language) {
        StringWriter out = new StringWriter();
        templates.compile("unsubscribe-page." + language.tag() + ".html")
                .execute(out, Map.of(state.name().toLowerCase(java.util.Locale.ROOT), true));
        return new Page(state == State.INVALID_LINK ? 400 : 200, out.toString());
    }
}
