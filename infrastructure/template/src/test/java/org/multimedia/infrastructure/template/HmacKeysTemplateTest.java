package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 8: one HMAC key per purpose (a Secrets Manager secret each), and every function
 * holds, in its environment and in its role, the keys of the purposes its code uses and no other.
 * The purposes a function's code uses are read from the jar (the {@code core/KeyPurpose}
 * constants its reachable code names, {@link CodeAnalysis}), not declared a second time here.
 */
class HmacKeysTemplateTest {

    /** Purpose (KeyPurpose constant) → the environment variable naming its secret. */
    static final Map<String, String> VARIABLES = Map.of(
            "VERIFICATION_CODES", "KEYS_VERIFICATION_CODES_SECRET_ID",
            "RESET_TOKENS", "KEYS_RESET_TOKENS_SECRET_ID",
            "UNSUBSCRIBE_LINKS", "KEYS_UNSUBSCRIBE_LINKS_SECRET_ID",
            "CATALOGUE_CURSORS", "KEYS_CATALOGUE_CURSORS_SECRET_ID",
            "LOG_PSEUDONYMS", "KEYS_LOG_PSEUDONYMS_SECRET_ID");
    /** Secrets that are no HMAC key: the origin header's value, CloudFront's signing key (a parameter). */
    static final Set<String> OTHER_SECRETS = Set.of("OriginSecret", "CloudFrontPrivateKeySecretArn");
    private static final String PURPOSE = "org.multimedia.core.KeyPurpose.";

    static Map<String, DeployedTemplate> deployments;
    static CodeAnalysis code;

    @BeforeAll
    static void transform() {
        deployments = TemplateTest.deployments();
        code = new CodeAnalysis(TemplateTest.JAR);
    }

    /** The public catalogue function cannot sign a code, a reset token or an unsubscribe link. */
    @Test
    void thePublicCatalogueFunctionHoldsTheCursorKeyAndNoOther() {
        deployments.forEach((name, deployment) -> {
            Function list = deployment.functions().stream().filter(f -> f.logicalId().equals("ListVideosFunction"))
                    .findFirst().orElseThrow();
            assertEquals(Set.of("CatalogueCursorKey"), keySecretsInRole(list), name + ": the secrets ListVideosFunction may read");
            assertEquals(Set.of("KEYS_CATALOGUE_CURSORS_SECRET_ID"), keyVariables(list), name + ": the key variables ListVideosFunction is given");
        });
    }

    @Test
    void everyFunctionHoldsExactlyTheKeysOfThePurposesItsCodeUses() {
        List<String> wrong = new ArrayList<>();
        Map<String, Set<String>> purposesByFunction = new TreeMap<>();
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> secrets = deployment.resources("AWS::SecretsManager::Secret");
            for (Function function : deployment.functions()) {
                Set<String> purposes = new TreeSet<>();
                code.needs(function.handler(), function.variables()).constants().stream()
                        .filter(c -> c.startsWith(PURPOSE)).forEach(c -> purposes.add(c.substring(PURPOSE.length())));
                purposesByFunction.put(function.logicalId(), purposes);
                Set<String> expectedVariables = new TreeSet<>();
                Set<String> expectedSecrets = new TreeSet<>();
                for (String purpose : purposes) {
                    String variable = VARIABLES.get(purpose);
                    if (variable == null) {
                        wrong.add(name + ": " + function.logicalId() + " uses purpose " + purpose + ", which has no variable in this test");
                        continue;
                    }
                    expectedVariables.add(variable);
                    expectedSecrets.addAll(DeployedTemplate.references(function.environment().get(variable)));
                }
                if (!keyVariables(function).equals(expectedVariables)) {
                    wrong.add(name + ": " + function.logicalId() + " uses " + purposes + " but is given " + keyVariables(function));
                }
                Set<String> inRole = keySecretsInRole(function);
                if (!inRole.equals(expectedSecrets)) {
                    wrong.add(name + ": " + function.logicalId() + " uses " + purposes + " (secrets " + expectedSecrets
                            + ") but its role may read " + inRole);
                }
                expectedSecrets.stream().filter(s -> !secrets.containsKey(s))
                        .forEach(s -> wrong.add(name + ": " + function.logicalId() + " names " + s + ", which is no secret of the stack"));
            }
        });
        assertEquals(List.of(), wrong);
        // The analysis sees what it should: the list uses the cursor key only, a code the code key.
        assertEquals(Set.of("CATALOGUE_CURSORS"), purposesByFunction.get("ListVideosFunction"));
        assertTrue(purposesByFunction.get("SignUpFunction").contains("VERIFICATION_CODES"), purposesByFunction.toString());
        assertTrue(purposesByFunction.get("ResetPasswordFunction").contains("RESET_TOKENS"), purposesByFunction.toString());
        assertTrue(purposesByFunction.get("OneClickUnsubscribeFunction").contains("UNSUBSCRIBE_LINKS"), purposesByFunction.toString());
        assertTrue(purposesByFunction.get("BounceFunction").contains("LOG_PSEUDONYMS"), purposesByFunction.toString());
    }

    /** Five purposes, five secrets: no secret serves two purposes (a function could then sign for both). */
    @Test
    void everyPurposeHasASecretOfItsOwn() {
        deployments.forEach((name, deployment) -> {
            Map<String, Set<String>> secretToVariables = new TreeMap<>();
            for (Function function : deployment.functions()) {
                VARIABLES.values().stream().filter(function.environment()::containsKey).forEach(variable ->
                        DeployedTemplate.references(function.environment().get(variable)).forEach(secret ->
                                secretToVariables.computeIfAbsent(secret, s -> new TreeSet<>()).add(variable)));
            }
            secretToVariables.forEach((secret, variables) ->
                    assertEquals(1, variables.size(), name + ": " + secret + " is the key of " + variables));
            assertEquals(VARIABLES.size(), secretToVariables.size(), name + ": " + secretToVariables);
        });
    }

    // ------------------------------------------------------------------ helpers

    /** The key variables set for the function (the old single key's variable counts too). */
    static Set<String> keyVariables(Function function) {
        Set<String> found = new TreeSet<>();
        function.environment().keySet().stream()
                .filter(v -> VARIABLES.containsValue(v) || v.equals("CODES_KEY_SECRET_ID"))
                .forEach(found::add);
        return found;
    }

    /** The secrets other than the origin secret and CloudFront's key that the function's role may read. */
    static Set<String> keySecretsInRole(Function function) {
        Set<String> found = new TreeSet<>();
        function.statements().stream().filter(s -> s.actions().stream().anyMatch(a -> a.equals("secretsmanager:GetSecretValue")))
                .forEach(s -> s.resources().forEach(r -> found.addAll(DeployedTemplate.references(r))));
        found.removeAll(OTHER_SECRETS);
        return found;
    }
}
