package org.multimedia.infrastructure.local;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.multimedia.infrastructure.emulator.JwtAuthorizer;

/**
 * What API Gateway's JWT authorizer does, against the emulator's Cognito. The token itself is
 * checked by nimbus-jose-jwt's {@link DefaultJWTProcessor}: signature (RSA only, as API Gateway)
 * with the pool's JWKS ({@code {endpoint}/{poolId}/.well-known/jwks.json}), {@code exp} and
 * {@code nbf}, the issuer. Only API Gateway's own rules are code of ours: {@code aud} (ID tokens)
 * or else {@code client_id} (access tokens) must name one of the authorizer's audiences, and a
 * route with authorization scopes needs a token whose {@code scope} claim holds one of them.
 */
final class JwtAuthorizerEmulation {

    /** What the authorizer decided: {@link Authorized} or {@link Refused}. */
    sealed interface Decision permits Authorized, Refused {
    }

    /** The claims and scopes API Gateway hands to the function. */
    record Authorized(Map<String, String> claims, List<String> scopes) implements Decision {
    }

    /**
     * API Gateway's answer: {@code 401} for a missing or invalid token; {@code 403} for a valid
     * token without the route's scopes (an ID token on an access-token route), with its
     * {@code WWW-Authenticate} challenge.
     */
    record Refused(int status, String wwwAuthenticate) implements Decision {
    }

    private static final Refused INVALID = new Refused(401, null);

    private final URI endpoint;
    private final Map<String, ConfigurableJWTProcessor<SecurityContext>> processorsByIssuer = new ConcurrentHashMap<>();

    JwtAuthorizerEmulation(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The decision for the Authorization header on a route guarded by this authorizer and these scopes. */
    Decision authorize(JwtAuthorizer authorizer, List<String> routeScopes, String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return INVALID;
        }
        // API Gateway takes the token alone or prefixed with "Bearer ".
        String token = authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorizationHeader.substring(7).trim()
                : authorizationHeader.trim();
        JWTClaimsSet claims;
        try {
            claims = processor(authorizer.issuer()).process(token, null);
        } catch (Exception invalid) { // parse, signature, expiry, issuer, key retrieval: all "invalid token"
            return INVALID;
        }
        if (!audienceAccepted(authorizer, claims)) {
            return INVALID;
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && (scopes == null || routeScopes.stream().noneMatch(scopes::contains))) {
            return new Refused(403, "Bearer scope=\"" + String.join(" ", routeScopes)
                    + "\" error=\"insufficient_scope\" error_description=\"expected scopes: " + routeScopes + "\"");
        }
        return new Authorized(asStrings(claims), scopes);
    }

    /** API Gateway: {@code aud} when the token has one, else {@code client_id}, must be an accepted audience. */
    private static boolean audienceAccepted(JwtAuthorizer authorizer, JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (audience != null && !audience.isEmpty()) {
            return audience.stream().anyMatch(authorizer.audience()::contains);
        }
        Object clientId = claims.getClaim("client_id");
        return clientId instanceof String id && authorizer.audience().contains(id);
    }

    /** The {@code scope} claim (space-separated, as Cognito writes it); null when the token has none. */
    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("\\s+"));
        }
        return null;
    }

    /** One processor per issuer: its keys are fetched and cached by nimbus' JWK source. */
    private ConfigurableJWTProcessor<SecurityContext> processor(String issuer) {
        return processorsByIssuer.computeIfAbsent(issuer, this::newProcessor);
    }

    private ConfigurableJWTProcessor<SecurityContext> newProcessor(String issuer) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(JWSAlgorithm.Family.RSA),
                JWKSourceBuilder.create(jwksUrl(issuer), new DefaultResourceRetriever(5_000, 10_000, 64 * 1024)).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                null, // the audience is API Gateway's rule (aud or client_id), checked above
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("exp")));
        return processor;
    }

    /** Cognito issuers end with the pool id; the emulator serves the pool's keys under its endpoint. */
    private URL jwksUrl(String issuer) {
        String poolId = issuer.substring(issuer.lastIndexOf('/') + 1);
        try {
            return URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + poolId + "/.well-known/jwks.json").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("No JWKS address for issuer " + issuer, e);
        }
    }

    /** API Gateway passes every claim as a string; arrays look like {@code [a b]}, a single audience as itself. */
    private static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            String text;
            if (value instanceof Date date) {
                text = Long.toString(date.toInstant().getEpochSecond());
            } else if (value instanceof List<?> list && name.equals("aud") && list.size() == 1) {
                text = String.valueOf(list.get(0)); // nimbus reads "aud": "x" as a list
            } else if (value instanceof List<?> list) {
                text = "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
            } else {
                text = String.valueOf(value);
            }
            strings.put(name, text);
        });
        return strings;
    }
}
