package org.multimedia.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.multimedia.core.DomainException;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageTest {

    private static Language negotiate(String lang, String acceptLanguage) {
        return Language.negotiate(Optional.ofNullable(lang), Optional.ofNullable(acceptLanguage));
    }

    @Test
    void englishWhenNothingIsAsked() {
        assertEquals(Language.EN, negotiate(null, null));
    }

    @Test
    void theLangParameterWinsOverTheHeader() {
        assertEquals(Language.FR, negotiate("fr", "en"));
        assertEquals(Language.EN, negotiate("en", "fr"));
        assertEquals(Language.FR, negotiate("FR", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "de", "fr-CA", "fr,en", "english", "*", "f"})
    void anUnknownOrMalformedLangIsRefusedNamingIt(String lang) {
        DomainException e = assertThrows(DomainException.class, () -> negotiate(lang, "fr"));
        assertEquals("invalid_request", e.code());
        assertEquals(DomainException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("'lang'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "fr                                   | FR",
            "fr-CA                                | FR",
            "FR-be                                | FR",
            "en-GB                                | EN",
            "fr, en                               | FR",
            "en, fr                               | EN",
            "en;q=0.5, fr;q=0.9                   | FR",
            "fr;q=0.5, en;q=0.5                   | FR",
            "de, fr;q=0.8, en;q=0.7               | FR",
            "de, es                               | EN",
            "fr-CA;q=0.8, en;q=0.9                | EN",
            "en-US,en;q=0.9,fr;q=0.8              | EN",
            "da, en-gb;q=0.8, en;q=0.7            | EN",
            "zh-Hant-TW, fr;q=0.1                 | FR",
            "*                                    | EN",
            "*;q=0.5, fr                          | FR",
            "en;q=0, fr;q=0.1                     | FR",
            "en;q=0, *                            | FR",
            "fr;q=0, *                            | EN",
            "fr;q=0                               | EN",
            "en;q=0.000, fr;q=0.001               | FR",
    })
    void theBestOfEnglishAndFrenchInAcceptLanguage(String header, Language expected) {
        assertEquals(expected, negotiate(null, header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ",,,", "fr;q=2", "fr;q=abc", "fr-", "fr;;", "fr_CA", "\u00e9", "fr;q=-1"})
    void aMalformedHeaderMeansEnglish(String header) {
        assertEquals(Language.EN, negotiate(null, header));
    }

    @Test
    void anOverlongHeaderIsNotRead() {
        String longHeader = "fr, " + "de;q=0.1, ".repeat(200) + "en;q=0.05";
        assertTrue(longHeader.length() > Language.MAX_ACCEPT_LANGUAGE_LENGTH);
        assertEquals(Language.EN, negotiate(null, longHeader));
    }

    @Test
    void parseStillNamesTheLanguageField() {
        DomainException e = assertThrows(DomainException.class, () -> Language.parse(Optional.of("de")));
        assertTrue(e.getMessage().contains("'language'"));
        assertEquals(Language.EN, Language.parse(Optional.empty()));
    }
}
