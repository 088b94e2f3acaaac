package org.multimedia.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /videos}: newest first; {@code nextCursor} is null on the last page; {@code language}: the one the texts are in. */
@Serdeable
public record VideoPage(@JsonInclude(JsonInclude.Include.ALWAYS) List<VideoView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, String language) {
}
