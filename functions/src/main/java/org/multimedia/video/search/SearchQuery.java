package org.multimedia.video.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A search of the catalogue: every word (normalised by {@link SearchText}) must start a word of
 * the video's title, summary or description in one of its languages; the filters bound its
 * {@code publishedAt} (inclusive) and its duration in seconds (inclusive). No words: the filters alone.
 */
public record SearchQuery(List<String> words, Optional<Instant> from, Optional<Instant> to,
                          OptionalInt minDuration, OptionalInt maxDuration) {

    public SearchQuery {
        words = List.copyOf(words);
    }
}
