package org.multimedia.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.multimedia.http.Access.GROUP_EDITORS;
import static org.multimedia.http.Access.GROUP_MARKETING;
import static org.multimedia.http.Access.PUBLIC;
import static org.multimedia.http.Access.SIGNED_IN;

/**
 * Who may call each route: the one place this is declared. Each row is a route of template.yaml
 * (its API Gateway route key and its function's handler class) and its rule; the HTTP base
 * ({@link ApiHandler}) looks its handler up here and resolves the caller before the handler
 * runs, so no handler or service decides on its own.
 * <p>
 * {@code AccessRulesTest} holds this table to template.yaml and openapi.yaml: every route has a
 * row, every row is a route, and a rule is {@code public} exactly when the route has no authorizer.
 */
public final class AccessRules {

    /** One route and its rule. */
    public record Rule(String routeKey, String handler, Access access) {
    }

    public static final List<Rule> ROUTES = List.of(
            rule("POST /account/signup", "account.SignUpHandler", PUBLIC),
            rule("POST /account/verify", "account.VerifyEmailHandler", PUBLIC),
            rule("POST /account/verify/resend", "account.ResendVerificationHandler", PUBLIC),
            rule("POST /account/login", "account.LoginHandler", PUBLIC),
            rule("POST /account/token/refresh", "account.RefreshTokenHandler", PUBLIC),
            rule("POST /account/logout", "account.LogoutHandler", SIGNED_IN),
            rule("POST /account/password/forgot", "account.ForgotPasswordHandler", PUBLIC),
            rule("POST /account/password/verify", "account.VerifyResetCodeHandler", PUBLIC),
            rule("POST /account/password/reset", "account.ResetPasswordHandler", PUBLIC),
            rule("GET /account/me", "account.GetProfileHandler", SIGNED_IN),
            rule("DELETE /account/me", "account.DeleteAccountHandler", SIGNED_IN),

            rule("GET /videos", "video.ListVideosHandler", PUBLIC),
            rule("GET /videos/{id}", "video.GetVideoHandler", PUBLIC),
            rule("POST /videos/{id}/download", "video.DownloadVideoHandler", SIGNED_IN),
            rule("POST /videos", "video.CreateVideoHandler", GROUP_EDITORS),
            rule("POST /videos/{id}/publish", "video.PublishVideoHandler", GROUP_EDITORS),
            rule("DELETE /videos/{id}", "video.DeleteVideoHandler", GROUP_EDITORS),

            rule("PUT /newsletter/subscription", "newsletter.SubscribeHandler", SIGNED_IN),
            rule("DELETE /newsletter/subscription", "newsletter.CancelSubscriptionHandler", SIGNED_IN),
            rule("GET /newsletter/unsubscribe", "newsletter.UnsubscribePageHandler", PUBLIC),
            rule("POST /newsletter/unsubscribe", "newsletter.OneClickUnsubscribeHandler", PUBLIC),
            rule("POST /newsletter/campaigns", "newsletter.CreateCampaignHandler", GROUP_MARKETING),
            rule("GET /newsletter/campaigns/{id}", "newsletter.GetCampaignHandler", GROUP_MARKETING));

    private static final Map<String, Access> BY_HANDLER = byHandler();

    private AccessRules() {
    }

    /**
     * The rule of a handler's route(s) (a subclass serves its parent's routes). A handler without
     * a row cannot serve at all: its function fails as it starts, never open by default.
     */
    public static Access of(Class<?> handler) {
        Access access = null;
        for (Class<?> type = handler; access == null && type != null; type = type.getSuperclass()) {
            access = BY_HANDLER.get(type.getName());
        }
        if (access == null) {
            throw new IllegalStateException("No access rule for " + handler.getName() + ": declare its route in AccessRules");
        }
        return access;
    }

    /** {@code handler} is relative to {@code org.multimedia}, as the feature packages are. */
    private static Rule rule(String routeKey, String handler, Access access) {
        return new Rule(routeKey, "org.multimedia." + handler, access);
    }

    /** A function serves its routes with one rule: a handler under two different rules is a mistake in this table. */
    private static Map<String, Access> byHandler() {
        Map<String, Access> byHandler = new LinkedHashMap<>();
        for (Rule rule : ROUTES) {
            Access earlier = byHandler.putIfAbsent(rule.handler(), rule.access());
            if (earlier != null && earlier != rule.access()) {
                throw new IllegalStateException(rule.handler() + " is declared both " + earlier + " and " + rule.access());
            }
        }
        return Map.copyOf(byHandler);
    }
}
