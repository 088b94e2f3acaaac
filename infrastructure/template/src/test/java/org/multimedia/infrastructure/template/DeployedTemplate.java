package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as CloudFormation receives it from {@code sam deploy}: transformed by the
 * aws-sam-translator library ({@code infrastructure/template/sam-transform}) with one set of
 * parameter values, its conditions decided for those values ({@code Fn::If} branches chosen,
 * resources of false conditions left out), as far as that can be known before deployment.
 */
final class DeployedTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.[A-Za-z0-9.]+)?}");

    /** An inline policy statement of a function's role. */
    record Statement(String policy, List<String> actions, List<JsonNode> resources, JsonNode condition) {

        /**
         * For the function's code: not what SAM adds for a dead-letter queue, nor what Lambda's
         * event source mapping calls on a queue (a consumer role's {@code QueueEventSource}).
         */
        boolean ours() {
            return !policy.equals("DeadLetterQueuePolicy") && !policy.equals("QueueEventSource");
        }
    }

    record Function(String logicalId, String handler, Map<String, JsonNode> environment, List<Statement> statements,
                    JsonNode properties) {

        /** The environment as the code sees it: which variables are set (their values are resolved at deploy time). */
        Map<String, String> variables() {
            Map<String, String> set = new LinkedHashMap<>();
            environment.forEach((name, value) -> set.put(name, value.isTextual() ? value.asText() : value.toString()));
            return set;
        }
    }

    private final Map<String, String> parameters;
    private final JsonNode template;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    private DeployedTemplate(JsonNode template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = parameters;
        template.path("Conditions").fieldNames().forEachRemaining(this::condition);
    }

    static DeployedTemplate transform(Path root, Map<String, String> parameters) {
        return transform(root, root.resolve("template.yaml"), parameters);
    }

    static DeployedTemplate transform(Path root, Path templateYaml, Map<String, String> parameters) {
        List<String> command = new ArrayList<>(List.of("python3", root.resolve("infrastructure/template/sam-transform").toString()));
        parameters.forEach((name, value) -> command.addAll(List.of("--param", name + "=" + value)));
        command.add(templateYaml.toString());
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("The SAM transform failed (python3 with aws-sam-translator, installed with cfn-lint, "
                        + "is needed):\n" + err);
            }
            JsonNode transformed = JSON.readTree(out);
            Map<String, String> values = new LinkedHashMap<>();
            transformed.path("Parameters").fields().forEachRemaining(p -> {
                if (p.getValue().has("Default")) {
                    values.put(p.getKey(), p.getValue().get("Default").asText());
                }
            });
            values.putAll(parameters);
            return new DeployedTemplate(transformed, values);
        } catch (IOException e) {
            throw new AssertionError("Could not run the SAM transform: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode raw() {
        return template;
    }

    /** Resources that exist with these parameter values, conditions decided. */
    Map<String, JsonNode> resources() {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            JsonNode condition = r.getValue().get("Condition");
            if (condition == null || condition(condition.asText())) {
                resources.put(r.getKey(), decided(r.getValue()));
            }
        });
        return resources;
    }

    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (resource.path("Type").asText().equals(type)) {
                found.put(id, resource);
            }
        });
        return found;
    }

    List<Function> functions() {
        Map<String, JsonNode> resources = resources();
        List<Function> functions = new ArrayList<>();
        resources("AWS::Lambda::Function").forEach((id, function) -> {
            JsonNode properties = function.path("Properties");
            Map<String, JsonNode> environment = new LinkedHashMap<>();
            properties.path("Environment").path("Variables").fields()
                    .forEachRemaining(v -> environment.put(v.getKey(), v.getValue()));
            String role = properties.path("Role").path("Fn::GetAtt").path(0).asText();
            List<Statement> statements = new ArrayList<>();
            for (JsonNode policy : resources.getOrDefault(role, JsonNodeFactory.instance.objectNode())
                    .path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    if (statement.path("Effect").asText().equals("Allow")) {
                        statements.add(new Statement(policy.path("PolicyName").asText(),
                                strings(statement.get("Action")), list(statement.get("Resource")),
                                statement.get("Condition")));
                    }
                }
            }
            functions.add(new Function(id, properties.path("Handler").asText(), environment, statements, properties));
        });
        return functions;
    }

    /** Logical ids and parameter names a value refers to (Ref, Fn::GetAtt, ${...} of Fn::Sub). */
    static Set<String> references(JsonNode value) {
        Set<String> found = new TreeSet<>();
        if (value == null) {
            return found;
        }
        if (value.isObject()) {
            if (value.has("Ref")) {
                found.add(value.get("Ref").asText());
            } else if (value.has("Fn::GetAtt")) {
                JsonNode target = value.get("Fn::GetAtt");
                found.add(target.isArray() ? target.get(0).asText() : target.asText().split("\\.")[0]);
            } else if (value.has("Fn::Sub")) {
                JsonNode sub = value.get("Fn::Sub");
                Matcher m = SUB_REFERENCE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (m.find()) {
                    found.add(m.group(1));
                }
                if (sub.isArray()) {
                    found.addAll(references(sub.get(1)));
                }
            } else {
                value.forEach(v -> found.addAll(references(v)));
            }
        } else if (value.isArray()) {
            value.forEach(v -> found.addAll(references(v)));
        }
        return found;
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    Set<String> parameterNames() {
        Set<String> names = new TreeSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value with every {@code Fn::If} replaced by its branch and {@code AWS::NoValue} removed. */
    private JsonNode decided(JsonNode value) {
        if (value.isObject()) {
            if (value.has("Fn::If")) {
                JsonNode branches = value.get("Fn::If");
                return decided(branches.get(condition(branches.get(0).asText()) ? 1 : 2));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(f -> {
                JsonNode decided = decided(f.getValue());
                if (!isNoValue(decided)) {
                    copy.set(f.getKey(), decided);
                }
            });
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> {
                JsonNode decided = decided(v);
                if (!isNoValue(decided)) {
                    copy.add(decided);
                }
            });
            return copy;
        }
        return value;
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isObject() && value.path("Ref").asText().equals("AWS::NoValue");
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            known = evaluate(template.path("Conditions").get(name));
            conditions.put(name, known);
        }
        return known;
    }

    private boolean evaluate(JsonNode c) {
        if (c.has("Fn::And")) {
            boolean all = true;
            for (JsonNode part : c.get("Fn::And")) {
                all &= evaluate(part);
            }
            return all;
        }
        if (c.has("Fn::Or")) {
            boolean any = false;
            for (JsonNode part : c.get("Fn::Or")) {
                any |= evaluate(part);
            }
            return any;
        }
        if (c.has("Fn::Not")) {
            return !evaluate(c.get("Fn::Not").get(0));
        }
        if (c.has("Condition")) {
            return condition(c.get("Condition").asText());
        }
        if (c.has("Fn::Equals")) {
            return value(c.get("Fn::Equals").get(0)).equals(value(c.get("Fn::Equals").get(1)));
        }
        throw new IllegalArgumentException("Condition not understood: " + c);
    }

    private String value(JsonNode v) {
        if (v.isObject() && v.has("Ref")) {
            String name = v.get("Ref").asText();
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("Parameter " + name + " has no value");
            }
            return parameters.get(name);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        list(value).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<JsonNode> list(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }
}
