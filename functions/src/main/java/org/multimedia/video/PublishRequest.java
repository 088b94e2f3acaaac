package org.multimedia.video;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /videos/{id}/publish}: no body, or {@code {publishAt}} (an instant in the future) to schedule it. */
@Serdeable
public record PublishRequest(@Nullable String publishAt) {
}
