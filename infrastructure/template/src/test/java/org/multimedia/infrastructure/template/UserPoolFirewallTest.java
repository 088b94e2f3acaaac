package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, item 6: an access token is also a credential for Cognito's own self-service calls
 * (DeleteUser, ChangePassword, UpdateUserAttributes...), which skip our password check, throttle,
 * clean-up and mails. The user pool has no setting that refuses them, so a regional web ACL on the
 * pool blocks them by operation ({@code X-Amz-Target}); the calls our own functions make to the
 * pool must all pass it. Reads template.yaml and the aws/ adapters' sources (nothing deployed).
 */
class UserPoolFirewallTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    /** What a stolen access token could do with Cognito directly, none of which our API offers that way. */
    private static final List<String> REFUSED = List.of("DeleteUser", "ChangePassword", "UpdateUserAttributes",
            "DeleteUserAttributes", "VerifyUserAttribute", "GetUserAttributeVerificationCode", "SetUserMFAPreference",
            "SetUserSettings", "AssociateSoftwareToken", "VerifySoftwareToken", "StartWebAuthnRegistration",
            "CompleteWebAuthnRegistration", "DeleteWebAuthnCredential", "ConfirmDevice", "UpdateDeviceStatus", "ForgetDevice");

    private final JsonNode resources = read().path("Resources");

    private static JsonNode read() {
        try {
            return YAML.readTree(TemplateTest.ROOT.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("template.yaml", e);
        }
    }

    @Test
    void aRegionalWebAclOnTheUserPoolBlocksTheSelfServiceCallsOfAStolenToken() {
        List<String> associations = new ArrayList<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::WAFv2::WebACLAssociation")) {
                JsonNode p = r.getValue().path("Properties");
                associations.add(p.path("WebACLArn").asText() + " -> " + p.path("ResourceArn").asText());
            }
        });
        assertEquals(List.of("UserPoolWebAcl.Arn -> UserPool.Arn"), associations, "the web ACL associated with the user pool");

        JsonNode acl = resources.path("UserPoolWebAcl");
        assertEquals("AWS::WAFv2::WebACL", acl.path("Type").asText());
        assertEquals("REGIONAL", acl.path("Properties").path("Scope").asText(), "a user pool takes a regional web ACL");
        assertTrue(acl.path("Properties").path("DefaultAction").has("Allow"), "everything else passes");

        Pattern blocked = blockedOperations();
        for (String operation : REFUSED) {
            assertTrue(blocked.matcher((TARGET_PREFIX + operation).toLowerCase(Locale.ROOT)).find(), operation + " is not blocked");
        }
        assertFalse(blocked.matcher((TARGET_PREFIX + "GlobalSignOut").toLowerCase(Locale.ROOT)).find(),
                "a holder of a stolen token may still end its sessions");
    }

    @Test
    void noCallOurFunctionsMakeToTheUserPoolIsBlocked() throws IOException {
        Set<String> ours = new TreeSet<>();
        Pattern call = Pattern.compile("cognito\\s*\\.\\s*([a-z]\\w*)\\s*\\(");
        try (Stream<Path> sources = Files.list(TemplateTest.ROOT.resolve("functions/src/main/java/org/multimedia/aws"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(source));
                while (m.find()) {
                    ours.add(Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1));
                }
            }
        }
        assertTrue(ours.containsAll(Set.of("GetUser", "InitiateAuth", "RevokeToken", "AdminDeleteUser")), ours.toString());
        Pattern blocked = blockedOperations();
        List<String> wronglyBlocked = ours.stream()
                .filter(op -> blocked.matcher((TARGET_PREFIX + op).toLowerCase(Locale.ROOT)).find()).toList();
        assertEquals(List.of(), wronglyBlocked, "calls of aws/ the web ACL would block");
    }

    /** The rule that blocks by operation: a regex on the lower-cased x-amz-target header. */
    private Pattern blockedOperations() {
        List<JsonNode> matches = new ArrayList<>();
        resources.path("UserPoolWebAcl").path("Properties").path("Rules").forEach(rule -> {
            if (rule.path("Action").has("Block") && rule.path("Statement").has("RegexMatchStatement")) {
                matches.add(rule.path("Statement").path("RegexMatchStatement"));
            }
        });
        assertEquals(1, matches.size(), "one blocking rule by operation");
        JsonNode match = matches.get(0);
        assertEquals("x-amz-target", match.path("FieldToMatch").path("SingleHeader").path("Name").asText());
        assertEquals("LOWERCASE", match.path("TextTransformations").path(0).path("Type").asText(),
                "matched whatever the case the caller sends");
        String regex = match.path("RegexString").asText();
        assertTrue(regex.length() <= 512, "WAF's RegexString is at most 512 characters: " + regex.length());
        return Pattern.compile(regex);
    }
}
