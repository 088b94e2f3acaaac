package org.multimedia.identity;

import org.multimedia.core.DomainException;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** Longer {@code Accept-Language} headers are not read (no browser sends one; parsing is not free). */
    static final int MAX_ACCEPT_LANGUAGE_LENGTH = 1024;

    /**
     * The language of an answer: the {@code lang} query parameter when given (exactly "en" or "fr",
     * any case; anything else is a {@code 400 invalid_request} naming {@code lang}), else the
     * preferred of English and French in {@code Accept-Language} (q-values, RFC 9110; a regional
     * range such as {@code fr-CA} counts for its language; {@code *} means English; a language the
     * header refuses with {@code q=0} is never chosen), else English. A malformed header is
     * ignored (English): a browser's header is no reason to refuse the page.
     */
    public static Language negotiate(Optional<String> lang, Optional<String> acceptLanguage) {
        if (lang.isPresent()) {
            return fromTag(lang.get()).orElseThrow(() -> DomainException.invalidRequest("'lang' must be \"en\" or \"fr\"."));
        }
        return acceptLanguage.flatMap(Language::preferred).orElse(EN);
    }

    private static Optional<Language> preferred(String header) {
        if (header.isBlank() || header.length() > MAX_ACCEPT_LANGUAGE_LENGTH) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header); // sorted by weight, header order kept among equals
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        Set<Language> refused = EnumSet.noneOf(Language.class);
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                fromTag(range.getRange()).ifPresent(refused::add);
            }
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String primary = range.getRange().split("-", 2)[0];
            if (primary.equals("*")) {
                for (Language language : values()) {
                    if (!refused.contains(language)) {
                        return Optional.of(language);
                    }
                }
                continue;
            }
            Optional<Language> language = fromTag(primary).filter(l -> !refused.contains(l));
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
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
