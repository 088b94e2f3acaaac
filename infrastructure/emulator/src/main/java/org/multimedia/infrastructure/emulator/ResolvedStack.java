package org.multimedia.infrastructure.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS sees when asked to create a {@link Stack}, for {@link AwsRules}: the active resources
 * (conditions decided) with their properties resolved by the stack's own {@link Intrinsics}
 * ({@code Fn::If} decided, {@code AWS::NoValue} removed), and the resources each one reaches.
 * Reads the stack; writes nothing anywhere.
 */
final class ResolvedStack {

    /** An active resource, resolved. {@code reached}: the logical ids its properties reference. */
    record Resolved(String id, String type, Map<String, Object> properties, Set<String> reached) {
    }

    private final Stack stack;
    private final Map<String, Resolved> active = new LinkedHashMap<>();
    private final Set<String> inactive = new LinkedHashSet<>();
    private final Map<String, Object> globalsFunction;
    private final Set<String> reachedFromGlobals = new LinkedHashSet<>();

    ResolvedStack(Stack stack) {
        this.stack = stack;
        this.globalsFunction = map(stack.intrinsics.forChecks(reachedFromGlobals).resolve(stack.template().globalsFunction()));
        for (Template.Resource resource : stack.resources().values()) {
            if (!stack.active(resource)) {
                inactive.add(resource.logicalId());
                continue;
            }
            Set<String> reached = new LinkedHashSet<>();
            Map<String, Object> properties = resolve(resource, reached);
            active.put(resource.logicalId(), new Resolved(resource.logicalId(), resource.type(), properties, reached));
        }
    }

    /**
     * Every active resource is resolved, not only those the emulator creates: a Ref to a name the
     * template does not declare (a typo, or a resource SAM generates, which the local system does
     * not know) stops the check, naming the resource.
     */
    private Map<String, Object> resolve(Template.Resource resource, Set<String> reached) {
        try {
            return map(stack.intrinsics.forChecks(reached).resolve(resource.properties()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resource.logicalId() + ": " + e.getMessage(), e);
        }
    }

    /** Active resources of a type, in template order. */
    List<Resolved> ofType(String type) {
        return active.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    Optional<Resolved> active(String logicalId) {
        return Optional.ofNullable(active.get(logicalId));
    }

    List<Resolved> all() {
        return new ArrayList<>(active.values());
    }

    /** Resources the template declares whose condition is false: CloudFormation does not create them. */
    Set<String> inactive() {
        return inactive;
    }

    /** A declared resource's DependsOn. */
    List<String> dependsOn(String logicalId) {
        return stack.resources().get(logicalId).dependsOn();
    }

    /** The resources a SAM function reaches through Globals.Function (SAM copies them into every function). */
    Set<String> reachedFromGlobals() {
        return reachedFromGlobals;
    }

    /** Outputs whose condition holds: name to the resources their Value reaches. */
    Map<String, Set<String>> activeOutputs() {
        Map<String, Set<String>> outputs = new LinkedHashMap<>();
        if (stack.template().root().get("Outputs") instanceof Map<?, ?> declared) {
            declared.forEach((name, body) -> {
                Map<String, Object> output = map(body);
                if (output.get("Condition") == null || stack.intrinsics.condition(String.valueOf(output.get("Condition")))) {
                    Set<String> reached = new LinkedHashSet<>();
                    stack.intrinsics.forChecks(reached).resolve(output.get("Value"));
                    outputs.put(String.valueOf(name), reached);
                }
            });
        }
        return outputs;
    }

    /** A SAM function's setting: its own, else Globals.Function's (as SAM merges them), else null. */
    Object functionSetting(Resolved function, String key) {
        return function.properties().containsKey(key) ? function.properties().get(key) : globalsFunction.get(key);
    }

    /** A SAM function's environment variables as Lambda receives them: Globals' merged with its own. */
    Map<String, String> environment(Resolved function) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables(globalsFunction).forEach((k, v) -> variables.put(k, String.valueOf(v)));
        variables(function.properties()).forEach((k, v) -> variables.put(k, String.valueOf(v)));
        return variables;
    }

    private static Map<String, Object> variables(Map<String, Object> properties) {
        return map(map(properties.get("Environment")).get("Variables"));
    }

    /** What Ref of the resource gives (here, before anything is created). */
    String ref(String logicalId) {
        return stack.physicalId(logicalId);
    }

    /** The ARN Fn::GetAtt Arn gives. */
    String arn(String logicalId) {
        return stack.attribute(logicalId, "Arn");
    }

    String region() {
        return stack.region();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
