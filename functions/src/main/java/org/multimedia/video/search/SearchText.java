package org.multimedia.video.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How text becomes search words, the same for the index and for a query: accents and case
 * ignored ("Défense" → "defense"), ligatures spelled out ("œ" → "oe"), words split on anything
 * that is not a letter or a digit.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private SearchText() {
    }

    /** The words of a text, normalised, in order (duplicates kept). */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
                .replace("ß", "ss");
        String plain = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(plain.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
