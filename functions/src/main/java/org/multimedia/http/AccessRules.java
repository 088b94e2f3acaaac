package org.multimedia.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.multimedia.http.Access.GROUP_EDITORS;
import static org.multimedia.http.Access.GROUP_MARKETING;
import static org.multimedia.http.Access.OPTIONAL_SESSION;
import static org.multimedia.http.Access.PUBLIC;
import static org.multimedia.http.Access.SIGNED_IN;

/**
 * Who may call each route: the one place this is declared. Each row is a route of template.yaml
 * (its API Gateway route key and its function's handler class) and its rule; the HTTP base
 * ({@link ApiHandler}) looks its handler up here and resolves the caller before the handler
 * runs, so no handler or service decides on its own.
 * <p>
 * A row also caps the route's request body ({@link #DEFAULT_BODY_CAP} unless it says more): a
 * larger body is {@code 413 payload_too_large} before the origin check, the session look-up or
 * the handler (no AWS call). The caps are the API's own; API Gateway's is 10 MB, Lambda's 6 MB.
 * <p>
 * {@code AccessRulesTest} holds this table to template.yaml and openapi.yaml: every route has a
 * row, every row is a route, and a rule is {@code public} exactly when the route has no authorizer.
 */
public final class AccessRules {

    /**
     * One route, its rule and the most bytes its request body may hold; {@code heldBy}: a query
     * parameter that, when a request carries it, holds that request to a stricter rule (the
     * route stays without an authorizer; the caller's token is then checked with Cognito).
     */
    public record Rule(String routeKey, String handler, Access access, int maxBodyBytes, Optional<Held> heldBy) {

        Rule held(String parameter, Access stricter) {
            return new Rule(routeKey, handler, access, maxBodyBytes, Optional.of(new Held(parameter, stricter)));
        }
    }

    /** A request with query parameter {@code parameter} is held to {@code access}. */
    public record Held(String parameter, Access access) {
    }

    private static final int KB = 1024;
    /** Every route's body cap unless its row says otherwise: the API's bodies are small JSON objects. */
    public static final int DEFAULT_BODY_CAP = 16 * KB;

    public static final List<Rule> ROUTES = List.of(
            rule("POST /account/signup", "account.SignUpHandler", PUBLIC),
            rule("POST /account/verify", "account.VerifyEmailHandler", PUBLIC),
            rule("POST /account/verify/resend", "account.ResendVerificationHandler", PUBLIC),
            rule("POST /account/login", "account.LoginHandler", PUBLIC),
            rule("POST /account/token/refresh", "account.RefreshTokenHandler", PUBLIC),
            // With a bearer: signed out everywhere; with {refreshToken} alone: that session (issue 19).
            rule("POST /account/logout", "account.LogoutHandler", OPTIONAL_SESSION),
            rule("POST /account/password/forgot", "account.ForgotPasswordHandler", PUBLIC),
            rule("POST /account/password/verify", "account.VerifyResetCodeHandler", PUBLIC),
            rule("POST /account/password/reset", "account.ResetPasswordHandler", PUBLIC),
            rule("GET /account/me", "account.GetProfileHandler", SIGNED_IN),
            rule("DELETE /account/me", "account.DeleteAccountHandler", SIGNED_IN),
            rule("PATCH /account/me", "account.UpdateProfileHandler", SIGNED_IN),
            rule("GET /terms", "account.GetTermsHandler", PUBLIC),
            rule("PUT /account/terms", "account.AcceptTermsHandler", SIGNED_IN),
            rule("GET /account/downloads", "video.ListDownloadsHandler", SIGNED_IN),

            // Editors' lists of drafts and scheduled videos (?status=) are the same route (issue 20).
            rule("GET /videos", "video.ListVideosHandler", PUBLIC).held("status", GROUP_EDITORS),
            rule("GET /videos/{id}", "video.GetVideoHandler", PUBLIC),
            rule("POST /videos/{id}/download", "video.DownloadVideoHandler", SIGNED_IN),
            rule("POST /downloads/basket", "video.DownloadBasketHandler", SIGNED_IN),
            // Video metadata: long descriptions, translations, many renditions.
            rule("POST /videos", "video.CreateVideoHandler", GROUP_EDITORS, 64 * KB),
            rule("POST /videos/{id}/publish", "video.PublishVideoHandler", GROUP_EDITORS),
            rule("DELETE /videos/{id}", "video.DeleteVideoHandler", GROUP_EDITORS),

            rule("PUT /newsletter/subscription", "newsletter.SubscribeHandler", SIGNED_IN),
            rule("DELETE /newsletter/subscription", "newsletter.CancelSubscriptionHandler", SIGNED_IN),
            rule("GET /newsletter/unsubscribe", "newsletter.UnsubscribePageHandler", PUBLIC),
            rule("POST /newsletter/unsubscribe", "newsletter.OneClickUnsubscribeHandler", PUBLIC),
            // A campaign's HTML and text, in each of its languages.
            rule("POST /newsletter/campaigns", "newsletter.CreateCampaignHandler", GROUP_MARKETING, 512 * KB),
            rule("GET /newsletter/campaigns/{id}", "newsletter.GetCampaignHandler", GROUP_MARKETING));

    private static final Map<String, Rule> BY_HANDLER = byHandler();

    private AccessRules() {
    }

    /**
     * The rule of a handler's route(s) (a subclass serves its parent's routes). A handler without
     * a row cannot serve at all: its function fails as it starts, never open by default.
     */
    public static Access of(Class<?> handler) {
        return row(handler).access();
    }

    /** The rule of one request: the route's, or the stricter one a query parameter it carries asks for. */
    public static Access of(Class<?> handler, Map<String, String> queryParameters) {
        Rule rule = row(handler);
        return rule.heldBy().filter(held -> queryParameters != null && queryParameters.containsKey(held.parameter()))
                .map(Held::access).orElse(rule.access());
    }

    /** The most bytes a request body of the handler's route(s) may hold. */
    public static int maxBodyBytes(Class<?> handler) {
        return row(handler).maxBodyBytes();
    }

    private static Rule row(Class<?> handler) {
        Rule rule = null;
        for (Class<?> type = handler; rule == null && type != null; type = type.getSuperclass()) {
            rule = BY_HANDLER.get(type.getName());
        }
        if (rule == null) {
            throw new IllegalStateException("No access rule for " + handler.getName() + ": declare its route in AccessRules");
        }
        return rule;
    }

    /** {@code handler} is relative to {@code org.multimedia}, as the feature packages are. */
    private static Rule rule(String routeKey, String handler, Access access) {
        return rule(routeKey, handler, access, DEFAULT_BODY_CAP);
    }

    private static Rule rule(String routeKey, String handler, Access access, int maxBodyBytes) {
        return new Rule(routeKey, "org.multimedia." + handler, access, maxBodyBytes, Optional.empty());
    }

    /**
     * A function serves its routes with one rule and one cap: a handler under two different rules
     * (or caps) is a mistake in this table.
     */
    private static Map<String, Rule> byHandler() {
        Map<String, Rule> byHandler = new LinkedHashMap<>();
        for (Rule rule : ROUTES) {
            Rule earlier = byHandler.putIfAbsent(rule.handler(), rule);
            if (earlier != null && (earlier.access() != rule.access() || earlier.maxBodyBytes() != rule.maxBodyBytes())) {
                throw new IllegalStateException(rule.handler() + " is declared both " + earlier + " and " + rule);
            }
        }
        return Map.copyOf(byHandler);
    }
}
