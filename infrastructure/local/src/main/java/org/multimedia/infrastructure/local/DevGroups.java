package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.multimedia.infrastructure.emulator.LocalAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The local-only {@code POST /_dev/groups/{group}} with {@code {"email": "..."}}: puts that user
 * (username = the lower-cased email, as the functions sign users up) into a group of the
 * emulator's user pool, e.g. {@code editors}. The user's next login carries {@code cognito:groups}.
 */
final class DevGroups {

    /** What the route answers: a status and a JSON body (null for 204). */
    record Answer(int status, String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final Supplier<String> userPoolId;

    /** userPoolId: the stack's user pool (IllegalStateException when the template declares none). */
    DevGroups(LocalAws aws, Supplier<String> userPoolId) {
        this.aws = aws;
        this.userPoolId = userPoolId;
    }

    Answer addUser(String group, byte[] body) {
        String email;
        try {
            JsonNode request = JSON.readTree(body);
            JsonNode value = request == null ? null : request.get("email");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return error(400, "invalid_request", "Send {\"email\": \"...\"}.");
            }
            email = value.asText().trim().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return error(400, "invalid_request", "Send {\"email\": \"...\"} as JSON.");
        }
        if (group.isBlank()) {
            return error(404, "not_found", "Name a group: /_dev/groups/{group}.");
        }
        String pool;
        try {
            pool = userPoolId.get();
        } catch (IllegalStateException e) {
            return error(404, "not_found", "The template declares no user pool.");
        }
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            cognito.adminAddUserToGroup(r -> r.userPoolId(pool).groupName(group).username(email));
            return new Answer(204, null);
        } catch (UserNotFoundException e) {
            return error(404, "not_found", "No user " + email + ".");
        } catch (ResourceNotFoundException e) {
            return error(404, "not_found", "No group " + group + ".");
        }
    }

    private static Answer error(int status, String error, String message) {
        return new Answer(status, JSON.createObjectNode().put("error", error).put("message", message).toString());
    }
}
