package org.multimedia.infrastructure.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The actions of every AWS service, as cfn-lint ships them
 * ({@code cfnlint/data/AdditionalSpecs/Policies.json}: service prefix to its {@code Actions},
 * lower case, kept up to date from AWS's Service Authorization Reference). One source, not a
 * list of our own that would go stale.
 */
final class IamActions {

    private static final String LOCATE_CFN_LINT = "import cfnlint, os; print(os.path.join("
            + "os.path.dirname(cfnlint.__file__), 'data', 'AdditionalSpecs', 'Policies.json'))";
    private static volatile IamActions fromCfnLint;

    /** Service prefix to its action names, all lower case (IAM compares actions case-insensitively). */
    private final Map<String, Set<String>> actionsByService;

    private IamActions(Map<String, Set<String>> actionsByService) {
        this.actionsByService = actionsByService;
    }

    /** A Policies.json of cfn-lint's shape: {"dynamodb": {"Actions": {"getitem": {...}, ...}}, ...}. */
    static IamActions load(Path policiesJson) {
        try {
            JsonNode services = new ObjectMapper().readTree(policiesJson.toFile());
            Map<String, Set<String>> actions = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> service = it.next();
                Set<String> names = new TreeSet<>();
                service.getValue().path("Actions").fieldNames().forEachRemaining(a -> names.add(a.toLowerCase(Locale.ROOT)));
                actions.put(service.getKey().toLowerCase(Locale.ROOT), names);
            }
            return new IamActions(actions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the IAM actions in " + policiesJson, e);
        }
    }

    /**
     * The list of the cfn-lint installed for {@code python3} (.ci/run and start-local install it),
     * read once. Strict means strict: without it the check cannot be made, and that is an error.
     */
    static IamActions fromCfnLint() {
        IamActions actions = fromCfnLint;
        if (actions == null) {
            synchronized (IamActions.class) {
                if (fromCfnLint == null) {
                    fromCfnLint = load(locateCfnLintPolicies());
                }
                actions = fromCfnLint;
            }
        }
        return actions;
    }

    private static Path locateCfnLintPolicies() {
        String missing = "Strict mode checks IAM actions against cfn-lint's list of them, and cfn-lint was not found"
                + " for python3. Install it with: pip install cfn-lint (or turn strict mode off: "
                + StrictMode.SWITCH_VARIABLE + "=false)";
        try {
            Process python = new ProcessBuilder("python3", "-c", LOCATE_CFN_LINT).redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
                throw new IllegalStateException(missing + "\n" + output);
            }
            Path policies = Path.of(output);
            if (!Files.isRegularFile(policies)) {
                throw new IllegalStateException(missing + " (no " + policies + ")");
            }
            return policies;
        } catch (IOException e) {
            throw new IllegalStateException(missing + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking for cfn-lint", e);
        }
    }

    /**
     * Why the action of a policy statement is not one AWS knows, or empty when it is: {@code *},
     * a real {@code service:Action}, or a wildcard ({@code dynamodb:Get*}) matching at least one.
     * The texts are IAM Access Analyzer's policy validation findings ("Invalid service in action",
     * "Invalid action"), https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
     */
    Optional<String> problem(String action) {
        if (action.equals("*")) {
            return Optional.empty();
        }
        int colon = action.indexOf(':');
        if (colon <= 0) {
            return Optional.of("Invalid action: the action " + action + " is not of the form service:action");
        }
        String service = action.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = action.substring(colon + 1).toLowerCase(Locale.ROOT);
        Set<String> actions = actionsByService.get(service);
        if (actions == null) {
            return Optional.of("Invalid service in action: The service " + service
                    + " specified in the action does not exist (" + action + ")");
        }
        if (name.contains("*") || name.contains("?")) {
            Pattern pattern = Pattern.compile(wildcardRegex(name));
            return actions.stream().anyMatch(a -> pattern.matcher(a).matches()) ? Optional.empty()
                    : Optional.of("Invalid action: The action " + action + " does not exist (the wildcard matches no "
                    + service + " action)");
        }
        return actions.contains(name) ? Optional.empty()
                : Optional.of("Invalid action: The action " + action + " does not exist.");
    }

    private static String wildcardRegex(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }
}
