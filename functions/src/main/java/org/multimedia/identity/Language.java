package org.multimedia.identity;

import org.multimedia.core.DomainException;

import java.util.Locale;
import java.util.Optional;

/** The languages the portal writes to people in. */
public enum Language {
    EN, FR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Absent means English; anything but "en" or "fr" is a bad request. */
    public static Language parse(Optional<String> tag) {
        if (tag.isEmpty()) {
            return EN;
        }
        return fromTag(tag.get()).orElseThrow(() -> DomainException.invalidRequest("'language' must be \"en\" or \"fr\"."));
    }

    /** For stored values: unknown falls back to English. */
    public static Language orDefault(String tag) {
        return tag == null ? EN : fromTag(tag).orElse(EN);
    }

    private static Optional<Language> fromTag(String tag) {
        for (Language language : values()) {
            if (language.tag().equalsIgnoreCase(tag.strip())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
