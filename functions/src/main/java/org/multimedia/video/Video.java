package org.multimedia.video;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A video of the catalogue; only a {@link Status#PUBLISHED} one is listed, shown or downloadable. */
public record Video(String id, String title, String summary, String description, Instant publishedAt,
                    int durationSeconds, List<Rendition> renditions, Status status) {

    public enum Status { DRAFT, PUBLISHED, UNPUBLISHED }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    public Video withStatus(Status newStatus) {
        return new Video(id, title, summary, description, publishedAt, durationSeconds, renditions, newStatus);
    }

    /** The named rendition, or the first one when no name is given. */
    public Optional<Rendition> rendition(Optional<String> name) {
        return name.map(n -> renditions.stream().filter(r -> r.name().equals(n)).findFirst())
                .orElse(renditions.stream().findFirst());
    }
}
