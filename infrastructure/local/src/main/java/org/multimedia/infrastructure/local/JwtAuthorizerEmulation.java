package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.multimedia.infrastructure.emulator.JwtAuthorizer;

/**
 * What API Gateway's JWT authorizer does, against the emulator's Cognito: the Bearer token's
 * signature is checked with the pool's JWKS ({@code {endpoint}/{poolId}/.well-known/jwks.json}),
 * then exp/nbf, the issuer, and {@code aud} (ID tokens) or {@code client_id} (access tokens).
 */
final class JwtAuthorizerEmulation {

    /** The claims and scopes API Gateway hands to the function. */
    record Authorized(Map<String, String> claims, List<String> scopes) {
    }

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, JWKSet> keysByIssuer = new ConcurrentHashMap<>();

    JwtAuthorizerEmulation(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The token's claims when it passes the authorizer, else empty. */
    Optional<Authorized> authorize(JwtAuthorizer authorizer, String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String token = authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorizationHeader.substring(7).trim()
                : authorizationHeader.trim();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = key(authorizer.issuer(), jwt.getHeader().getKeyID());
            if (!(key instanceof AsymmetricJWK asymmetric)) {
                return Optional.empty();
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = new Date();
            if (claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now.toInstant())) {
                return Optional.empty();
            }
            if (claims.getNotBeforeTime() != null
                    && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now.toInstant())) {
                return Optional.empty();
            }
            if (!authorizer.issuer().equals(claims.getIssuer())) {
                return Optional.empty();
            }
            List<String> audience = claims.getAudience();
            boolean audienceOk = audience != null && !audience.isEmpty()
                    ? audience.stream().anyMatch(authorizer.audience()::contains)
                    : authorizer.audience().contains(claims.getStringClaim("client_id"));
            if (!audienceOk) {
                return Optional.empty();
            }
            String scope = claims.getStringClaim("scope");
            return Optional.of(new Authorized(asStrings(claims),
                    scope == null ? null : List.of(scope.trim().split("\\s+"))));
        } catch (ParseException | JOSEException | IOException | RuntimeException invalid) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** API Gateway passes every claim as a string; arrays look like {@code [a b]}. */
    private static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            String text;
            if (value instanceof Date date) {
                text = Long.toString(date.toInstant().getEpochSecond());
            } else if (value instanceof List<?> list) {
                text = "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
            } else {
                text = String.valueOf(value);
            }
            strings.put(name, text);
        });
        return strings;
    }

    private JWK key(String issuer, String keyId) throws IOException, InterruptedException, ParseException {
        JWKSet keys = keysByIssuer.get(issuer);
        JWK key = keys == null ? null : keys.getKeyByKeyId(keyId);
        if (key == null) {
            // unknown kid: the keys may have changed (emulator restarted), fetch them again
            keys = fetch(issuer);
            keysByIssuer.put(issuer, keys);
            key = keys.getKeyByKeyId(keyId);
        }
        return key;
    }

    /** Cognito issuers end with the pool id; the emulator serves the pool's keys under its endpoint. */
    private JWKSet fetch(String issuer) throws IOException, InterruptedException, ParseException {
        String poolId = issuer.substring(issuer.lastIndexOf('/') + 1);
        URI jwks = URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + poolId + "/.well-known/jwks.json");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwks).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("JWKS " + jwks + " answered " + response.statusCode());
        }
        return JWKSet.parse(response.body());
    }
}
