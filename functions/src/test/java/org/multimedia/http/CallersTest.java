package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.identity.InMemoryLiveSessions;
import org.multimedia.identity.LiveUser;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The caller resolved once, before the handler, by the route's rule: through the exchange as a
 * function sees it (requests through the portal, with the origin secret), with an in-memory user pool.
 */
class CallersTest {

    private static final String ORIGIN = "origin-secret-of-the-test";

    private final InMemoryLiveSessions pool = new InMemoryLiveSessions();
    private final HttpExchange exchange = new HttpExchange(JsonMapper.createDefault(), new Callers(() -> pool, JsonMapper.createDefault()),
            OriginSecrets.of(ORIGIN));
    private final LiveUser alice = pool.account("sub-alice", "alice@example.com", true);
    private final LiveUser editor = pool.account("sub-editor", "editor@example.com", true);

    @Test
    void aPublicRouteHasNoCallerAndNeverAsksThePool() {
        AtomicReference<String> seen = new AtomicReference<>();
        APIGatewayV2HTTPResponse response = exchange.handle(throughThePortal(), Access.PUBLIC, request -> {
            seen.set("handled");
            return ApiResponse.noContent();
        });
        assertEquals(204, response.getStatusCode());
        assertEquals("handled", seen.get());
        assertEquals(0, pool.lookups());
    }

    @Test
    void aLiveSessionReachesTheHandlerAsItsLiveUser() {
        AtomicReference<LiveUser> seen = new AtomicReference<>();
        APIGatewayV2HTTPResponse response = exchange.handle(signedIn(alice, pool.signIn(alice)), Access.SIGNED_IN, request -> {
            seen.set(request.user());
            return ApiResponse.noContent();
        });
        assertEquals(204, response.getStatusCode(), response.getBody());
        assertEquals(alice, seen.get());
        assertEquals(1, pool.lookups(), "resolved once");
    }

    @Test
    void withoutVerifiedClaimsOrABearerTokenEveryNonPublicRuleIsUnauthorized() {
        String token = pool.signIn(editor);
        for (Access access : new Access[]{Access.SIGNED_IN, Access.GROUP_EDITORS, Access.GROUP_MARKETING}) {
            assertRefused(401, "unauthorized", throughThePortal(), access);
            APIGatewayV2HTTPEvent noBearer = signedIn(editor, token, "editors marketing");
            noBearer.getHeaders().remove("authorization");
            assertRefused(401, "unauthorized", noBearer, access);
            APIGatewayV2HTTPEvent notBearer = signedIn(editor, token, "editors marketing");
            notBearer.getHeaders().remove("authorization");
            notBearer.getHeaders().put("Authorization", "Basic " + token);
            assertRefused(401, "unauthorized", notBearer, access);
            APIGatewayV2HTTPEvent noSub = signedIn(editor, token, "editors marketing");
            noSub.getRequestContext().getAuthorizer().getJwt().getClaims().remove("sub");
            assertRefused(401, "unauthorized", noSub, access);
        }
        assertEquals(0, pool.lookups());
    }

    @Test
    void aLoggedOutSessionIsUnauthorizedOnEveryNonPublicRule() {
        String token = pool.signIn(editor);
        pool.signOutEverywhere(editor);
        for (Access access : new Access[]{Access.SIGNED_IN, Access.GROUP_EDITORS}) {
            assertRefused(401, "unauthorized", signedIn(editor, token, "editors"), access);
        }
    }

    @Test
    void aDeletedAccountIsUnauthorizedAndSoIsItsTokenOnceTheAddressIsTakenAgain() {
        String token = pool.signIn(editor);
        pool.delete(editor);
        assertRefused(401, "unauthorized", signedIn(editor, token, "editors"), Access.GROUP_EDITORS);

        pool.account("sub-of-the-new-account", editor.username(), true); // same address, another person
        assertRefused(401, "unauthorized", signedIn(editor, token, "editors"), Access.GROUP_EDITORS);
        assertRefused(401, "unauthorized", signedIn(editor, token, "editors"), Access.SIGNED_IN);
    }

    @Test
    void aGroupRouteForbidsNonMembersWithoutAskingThePoolAndAdmitsLiveMembers() {
        String token = pool.signIn(editor);
        assertRefused(403, "forbidden", signedIn(editor, token, null), Access.GROUP_EDITORS);
        assertRefused(403, "forbidden", signedIn(editor, token, "[marketing]"), Access.GROUP_EDITORS);
        assertRefused(403, "forbidden", signedIn(editor, token, "[editors-old]"), Access.GROUP_EDITORS);
        assertRefused(403, "forbidden", signedIn(editor, token, "[editors]"), Access.GROUP_MARKETING);
        assertEquals(0, pool.lookups(), "membership is read from the verified claims");

        for (String claim : new String[]{"[editors]", "[marketing editors]", "editors,marketing", "[ marketing  editors ]"}) {
            APIGatewayV2HTTPResponse admitted = exchange.handle(signedIn(editor, token, claim), Access.GROUP_EDITORS,
                    request -> ApiResponse.ok(Map.of("sub", request.user().sub())));
            assertEquals(200, admitted.getStatusCode(), claim + ": " + admitted.getBody());
        }
    }

    @Test
    void aPublicRouteHandlerAskingForACallerIsABugNotAnAnswer() {
        APIGatewayV2HTTPResponse response = exchange.handle(signedIn(alice, pool.signIn(alice)), Access.PUBLIC,
                request -> ApiResponse.ok(request.user()));
        assertEquals(500, response.getStatusCode());
        assertEquals(0, pool.lookups());
    }

    @Test
    void primingLooksASessionUpOnlyForARouteThatNeedsOne() {
        Callers callers = new Callers(() -> pool, JsonMapper.createDefault());
        callers.prime(Access.PUBLIC);
        assertEquals(0, pool.lookups());
        callers.prime(Access.SIGNED_IN);
        assertEquals(1, pool.lookups());
    }

    private void assertRefused(int status, String error, APIGatewayV2HTTPEvent event, Access access) {
        APIGatewayV2HTTPResponse response = exchange.handle(event, access, request -> {
            throw new AssertionError("the handler ran for a refused caller");
        });
        assertEquals(status, response.getStatusCode(), access + ": " + response.getBody());
        assertEquals(error, response.getBody().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
        assertNull(response.getHeaders().get("Retry-After"));
    }

    private static APIGatewayV2HTTPEvent signedIn(LiveUser user, String token) {
        return signedIn(user, token, null);
    }

    /** As API Gateway passes a request its JWT authorizer accepted: the verified claims and the header. */
    private static APIGatewayV2HTTPEvent signedIn(LiveUser user, String token, String groupsClaim) {
        Map<String, String> claims = new HashMap<>(Map.of("sub", user.sub(), "username", user.username(),
                "token_use", "access", "scope", "aws.cognito.signin.user.admin"));
        if (groupsClaim != null) {
            claims.put("cognito:groups", groupsClaim);
        }
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(claims);
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = throughThePortal();
        event.setRequestContext(context);
        event.getHeaders().put("authorization", "Bearer " + token);
        return event;
    }

    /** A request as CloudFront forwards it: with the origin secret. */
    private static APIGatewayV2HTTPEvent throughThePortal() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(new HashMap<>(Map.of("x-origin-verify", ORIGIN)));
        return event;
    }
}
