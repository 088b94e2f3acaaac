package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpExchange;

import org.multimedia.infrastructure.emulator.DevMailbox;

/**
 * The local-only routes, which AWS does not have: {@code GET /_dev/mail?to=ADDRESS} (the mail sent
 * so far, from the emulator) and {@code POST /_dev/groups/{group}} (make a user a member of a
 * Cognito group).
 */
final class DevRoutes {

    private static final String MAIL = "/_dev/mail";
    private static final String GROUPS = "/_dev/groups/";

    private final DevMailbox mailbox;
    private final DevGroups groups;
    private final ExecutorService background;
    private final GatewayResponses responses;

    /** mailbox: null when the emulator is not moto (no record of sent mail); groups: null for none. */
    DevRoutes(DevMailbox mailbox, DevGroups groups, ExecutorService background, GatewayResponses responses) {
        this.mailbox = mailbox;
        this.groups = groups;
        this.background = background;
        this.responses = responses;
    }

    /** Answers the request if it is a dev route; false: it is not one. */
    boolean handle(HttpExchange exchange, String method, String path, String origin) throws IOException {
        if (method.equals("GET") && path.equals(MAIL) && mailbox != null) {
            mail(exchange, origin);
            return true;
        }
        if (method.equals("POST") && path.startsWith(GROUPS) && path.indexOf('/', GROUPS.length()) < 0 && groups != null) {
            group(exchange, URLDecoder.decode(path.substring(GROUPS.length()), StandardCharsets.UTF_8), origin);
            return true;
        }
        return false;
    }

    /** moto keeps no send time: looking right after each invocation stamps new mail with about the right one. */
    void invocationFinished() {
        if (mailbox != null) {
            background.execute(() -> {
                try {
                    mailbox.refresh();
                } catch (IOException | RuntimeException ignored) {
                    // the mailbox tries again when it is read
                }
            });
        }
    }

    private void mail(HttpExchange exchange, String origin) throws IOException {
        String to = null;
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("to=")) {
                    to = URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                }
            }
        }
        if (to == null || to.isBlank()) {
            responses.json(exchange, 400, "{\"error\":\"invalid_request\",\"message\":\"Add ?to=ADDRESS.\"}", origin);
            return;
        }
        responses.json(exchange, 200, mailbox.toJson(mailbox.mailTo(to)), origin);
    }

    private void group(HttpExchange exchange, String group, String origin) throws IOException {
        DevGroups.Answer answer = groups.addUser(group, exchange.getRequestBody().readAllBytes());
        System.out.printf("POST %s -> %d (dev groups)%n", exchange.getRequestURI().getRawPath(), answer.status());
        if (answer.json() == null) {
            responses.send(exchange, answer.status(), null, new byte[0], origin);
        } else {
            responses.json(exchange, answer.status(), answer.json(), origin);
        }
    }
}
