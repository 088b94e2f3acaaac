package org.multimedia.video;

import java.util.Optional;

/**
 * {@code GET /videos}: the query parameters as given (each checked by {@link Catalogue}):
 * paging ({@code limit}, {@code cursor}), search ({@code q}, {@code from}, {@code to},
 * {@code minDuration}, {@code maxDuration}) and, for editors, {@code status}.
 */
public record CatalogueQuery(Optional<String> limit, Optional<String> cursor, Optional<String> q, Optional<String> from,
                             Optional<String> to, Optional<String> minDuration, Optional<String> maxDuration,
                             Optional<String> status) {

    /** The names a request may use; any other is a {@code 400 invalid_request} (with {@code lang}, the answer's language). */
    public static final java.util.Set<String> PARAMETERS =
            java.util.Set.of("limit", "cursor", "q", "from", "to", "minDuration", "maxDuration", "status", "lang");

    /** A plain page of the public list. */
    static CatalogueQuery page(Optional<String> limit, Optional<String> cursor) {
        return new CatalogueQuery(limit, cursor, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    boolean searches() {
        return q.isPresent() || from.isPresent() || to.isPresent() || minDuration.isPresent() || maxDuration.isPresent();
    }
}
