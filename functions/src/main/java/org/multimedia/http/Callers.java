package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.LiveSessions;
import org.multimedia.identity.LiveUser;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, decided once per request by the route's {@link Access} rule, before its handler
 * runs. API Gateway's JWT authorizer has already checked the token's signature, lifetime and
 * scope (an ID token is refused there, {@code 403}); what it cannot know is checked here:
 * <ol>
 *   <li>the verified claims and the bearer token are there, else {@code 401 unauthorized};</li>
 *   <li>a group route: the {@code cognito:groups} claim names the group, else {@code 403 forbidden}
 *       (read from the claims, so a non-member costs no call);</li>
 *   <li>the session is live ({@link LiveSessions}): not logged out, the account not deleted, and
 *       the account the pool holds now has the token's {@code sub} — a deleted account's username
 *       (its address) may have been taken again — else {@code 401 unauthorized}.</li>
 * </ol>
 */
@Singleton
public class Callers {

    /** Public functions never create it: only a route that needs a caller reaches for the user pool. */
    private final Provider<LiveSessions> sessions;
    private final JsonMapper json;

    public Callers(Provider<LiveSessions> sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * The caller the rule admits: empty on a public route; on an optional-session route, the live
     * user of the bearer token if there is one and Cognito accepts it, else empty; otherwise a
     * live user or a refusal.
     */
    Optional<LiveUser> resolve(APIGatewayV2HTTPEvent event, Access access) {
        if (access == Access.OPTIONAL_SESSION) {
            // No authorizer on such a route, so no verified claims: the token's own sub is read
            // from its payload, and trusted only because Cognito (GetUser) accepted the token.
            // It must still be the sub of the account the pool holds now: a deleted account's
            // token must not act on the account created later at the same address.
            String token = bearerToken(event);
            Optional<String> sub = token == null ? Optional.empty() : subject(token);
            return sub.flatMap(tokenSub -> sessions.get().byAccessToken(token).filter(user -> tokenSub.equals(user.sub())));
        }
        if (!access.signedIn()) {
            return Optional.empty();
        }
        String token = bearerToken(event);
        // A route without an authorizer whose request is held to a signed-in rule (AccessRules:
        // a query parameter that asks more, e.g. GET /videos?status=): the token's own claims,
        // trusted only because Cognito (GetUser, below) accepts the token itself.
        Map<String, String> claims = hasAuthorizer(event) ? claims(event) : token == null ? Map.of() : payload(token);
        String sub = claims.get("sub");
        if (sub == null || token == null) {
            throw DomainException.unauthorized();
        }
        access.group().ifPresent(group -> {
            if (!groups(claims).contains(group)) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "This is reserved to " + group + ".");
            }
        });
        return Optional.of(sessions.get().byAccessToken(token)
                .filter(user -> sub.equals(user.sub()))
                .orElseThrow(DomainException::unauthorized));
    }

    /**
     * Before a snapshot, for a function whose route needs a caller: the session check once, with
     * a token that is not one (refused, nothing read), so that its client is in the snapshot.
     */
    void prime(Access access) {
        if (access.signedIn() || access == Access.OPTIONAL_SESSION) {
            sessions.get().byAccessToken("priming");
        }
    }

    /** The claims API Gateway's authorizer verified and passed on (none on a route without one). */
    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var jwt = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().getJwt();
        return jwt == null || jwt.getClaims() == null ? Map.of() : jwt.getClaims();
    }

    /** The access token itself: Cognito tells from it alone whether the session is still live. */
    private static String bearerToken(APIGatewayV2HTTPEvent event) {
        String value = ApiRequest.header(event, "Authorization");
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
            return null;
        }
        return value.substring(7).trim();
    }

    /** The {@code sub} claim of a JWT's payload, unverified (empty when it is no JWT). */
    private Optional<String> subject(String token) {
        return Optional.ofNullable(payload(token).get("sub"));
    }

    /**
     * A JWT's payload claims, unverified, as API Gateway hands them over ({@code cognito:groups}
     * as {@code [a b]}); empty when it is no JWT.
     */
    private Map<String, String> payload(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            Map<String, Object> payload = json.readValue(Base64.getUrlDecoder().decode(parts[1]),
                    Argument.mapOf(String.class, Object.class));
            Map<String, String> claims = new java.util.HashMap<>();
            if (payload.get("sub") instanceof String sub) {
                claims.put("sub", sub);
            }
            if (payload.get("cognito:groups") instanceof java.util.List<?> groups) {
                claims.put("cognito:groups", "[" + groups.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]");
            }
            return claims;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static boolean hasAuthorizer(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context != null && context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null;
    }

    /** API Gateway hands array claims over as one string, {@code [editors marketing]}; this is the one place that reads it. */
    static Set<String> groups(Map<String, String> claims) {
        String claim = Optional.ofNullable(claims.get("cognito:groups")).orElse("").strip();
        if (claim.startsWith("[") && claim.endsWith("]")) {
            claim = claim.substring(1, claim.length() - 1);
        }
        return Arrays.stream(claim.split("[\\s,]+")).filter(g -> !g.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
