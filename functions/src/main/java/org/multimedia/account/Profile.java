package org.multimedia.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.identity.TermsOfUse;

/** {@code GET /account/me}; {@code terms}: the conditions of use last accepted, null when never. */
@Serdeable
public record Profile(String email, boolean verified, String language, boolean newsletter, String createdAt,
                      @JsonInclude(JsonInclude.Include.ALWAYS) TermsOfUse.Acceptance terms) {
}
