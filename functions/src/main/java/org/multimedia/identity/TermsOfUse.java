package org.multimedia.identity;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The conditions of use in force ({@link TermsSettings}), and whether a member has accepted them:
 * a download needs the current version accepted, so a new version asks everyone again. Account
 * pages and downloads share this; acceptances are kept by the member's identity ({@code sub}), so
 * a new account at the same address starts without one.
 */
@Singleton
public class TermsOfUse {

    private final TermsSettings settings;
    private final TermsAcceptances acceptances;
    private final Clock clock;

    public TermsOfUse(TermsSettings settings, TermsAcceptances acceptances, Clock clock) {
        this.settings = settings;
        this.acceptances = acceptances;
        this.clock = clock;
    }

    /** {@code GET /terms}: the version in force, its texts and the credit line. */
    @Serdeable
    public record Terms(String version, Text text, String credit) {
    }

    @Serdeable
    public record Text(String en, String fr) {
    }

    /** What a member accepted and when ({@code GET /account/me} shows it). */
    @Serdeable
    public record Acceptance(String version, String acceptedAt) {
    }

    public String version() {
        return settings.version();
    }

    public String credit() {
        return settings.credit();
    }

    /** The texts are read only here (the public terms page), never by downloads. */
    public Terms current() {
        return new Terms(settings.version(), new Text(text(Language.EN), text(Language.FR)), settings.credit());
    }

    private String text(Language language) {
        String name = "/terms/" + settings.version() + "." + language.tag() + ".txt";
        try (InputStream in = TermsOfUse.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No text " + name + " for the configured terms version");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Acceptance> accepted(String sub) {
        return acceptances.find(sub);
    }

    /** True when the member has accepted the version in force. */
    public boolean acceptedCurrent(String sub) {
        return accepted(sub).filter(a -> a.version().equals(settings.version())).isPresent();
    }

    /**
     * Records that the member accepted {@code version}, which must be the one in force (what they
     * read): empty when it is not, and nothing is written.
     */
    public Optional<Acceptance> accept(String sub, String version) {
        if (!settings.version().equals(version)) {
            return Optional.empty();
        }
        Acceptance acceptance = new Acceptance(version, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        acceptances.save(sub, acceptance);
        return Optional.of(acceptance);
    }
}
