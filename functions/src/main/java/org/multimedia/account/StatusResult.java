package org.multimedia.account;

import io.micronaut.serde.annotation.Serdeable;

/** A one-word answer such as {@code {"status":"verified"}}. */
@Serdeable
public record StatusResult(String status) {
}
