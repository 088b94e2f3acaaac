package org.multimedia.infrastructure.emulator;

import java.util.List;

/** A JWT authorizer of the HttpApi, issuer and audience resolved. */
public record JwtAuthorizer(String name, String issuer, List<String> audience, String identitySource) {
}
