package org.multimedia.infrastructure.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsic functions (long form) that template.yaml uses against
 * parameter values, pseudo parameters, conditions and the resources created so far. Only those:
 * any other function or pseudo parameter stops with "not supported locally", and
 * {@code IntrinsicsTest.templateYamlUsesOnlyWhatTheEmulatorEvaluates} fails the build when
 * template.yaml starts using one (then add it here).
 */
final class Intrinsics {

    static final String ACCOUNT_ID = "123456789012";

    /** The functions evaluated ({@code Condition} is the condition function of the Conditions section). */
    static final Set<String> FUNCTIONS = Set.of("Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join",
            "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or");

    /** The pseudo parameters known to {@code Ref} and {@code ${}}. */
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue");

    /** SAM's referenceable properties of a function's generated alias and version ({@code !Ref Fn.Alias}). */
    static final Set<String> SAM_PUBLISHED = Set.of("Alias", "Version");

    /** What Ref and Fn::GetAtt of a resource give. */
    interface Resources {
        boolean declares(String logicalId);

        String ref(String logicalId);

        String getAtt(String logicalId, String attribute);
    }

    /** Marks a value removed by {@code Ref: AWS::NoValue}. */
    private static final Object NO_VALUE = new Object();

    private final Map<String, String> parameters;
    private final Map<String, Object> conditionDeclarations;
    private final String region;
    private final String stackName;
    private final Resources resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();

    Intrinsics(Map<String, String> parameters, Map<String, Object> conditions,
               String region, String stackName, Resources resources) {
        this.parameters = parameters;
        this.conditionDeclarations = conditions;
        this.region = region;
        this.stackName = stackName;
        this.resources = resources;
    }

    /**
     * The same evaluation for checking a template before anything is created: every resource a
     * {@code Ref}, {@code Fn::GetAtt} or {@code ${}} reaches is noted in {@code reached} (the
     * branches of {@code Fn::If} that the conditions do not take reach nothing), and an attribute
     * known only once a resource is created gives a stand-in ({@code Logical.Attribute}): a check
     * looks at what a value reaches, not at that attribute's value.
     */
    Intrinsics forChecks(Set<String> reached) {
        return new Intrinsics(parameters, conditionDeclarations, region, stackName, new Resources() {
            @Override
            public boolean declares(String logicalId) {
                return resources.declares(logicalId);
            }

            @Override
            public String ref(String logicalId) {
                reached.add(logicalId);
                return resources.ref(logicalId);
            }

            @Override
            public String getAtt(String logicalId, String attribute) {
                reached.add(logicalId);
                try {
                    return resources.getAtt(logicalId, attribute);
                } catch (IllegalArgumentException knownOnceCreated) {
                    if (!resources.declares(logicalId)) {
                        throw knownOnceCreated;
                    }
                    return logicalId + "." + attribute;
                }
            }
        });
    }

    /** The value with every intrinsic evaluated; lists and maps are copied. */
    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return function(key, map.get(key));
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                Object resolved = resolve(v);
                if (resolved != NO_VALUE) {
                    copy.put(k, resolved);
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    copy.add(resolved);
                }
            }
            return copy;
        }
        return value;
    }

    String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null || resolved == NO_VALUE ? null : String.valueOf(resolved);
    }

    boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDeclarations.containsKey(name)) {
            throw new IllegalArgumentException("Unknown condition " + name);
        }
        boolean value = truth(resolve(conditionDeclarations.get(name)));
        conditionValues.put(name, value);
        return value;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> args = list(name, argument, 2);
                List<String> parts = new ArrayList<>();
                for (Object item : list(name, resolve(args.get(1)), -1)) {
                    parts.add(String.valueOf(item));
                }
                yield String.join(String.valueOf(resolve(args.get(0))), parts);
            }
            case "Fn::If" -> {
                List<?> args = list(name, argument, 3);
                yield condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Fn::Equals" -> {
                List<?> args = list(name, argument, 2);
                yield String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            }
            case "Fn::Not" -> !truth(resolve(list(name, argument, 1).get(0)));
            case "Fn::And" -> list(name, argument, -1).stream().allMatch(c -> truth(resolve(c)));
            case "Fn::Or" -> list(name, argument, -1).stream().anyMatch(c -> truth(resolve(c)));
            default -> throw new IllegalArgumentException(name + " is not supported locally (the emulator evaluates "
                    + "what template.yaml uses: " + new java.util.TreeSet<>(FUNCTIONS) + ")");
        };
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region": return region;
            case "AWS::AccountId": return ACCOUNT_ID;
            case "AWS::StackName": return stackName;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::NoValue": return NO_VALUE;
            default:
                break;
        }
        if (name.startsWith("AWS::")) {
            throw new IllegalArgumentException(name + " is not supported locally (the emulator knows "
                    + new java.util.TreeSet<>(PSEUDO_PARAMETERS) + ")");
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (resources.declares(name)) {
            return resources.ref(name);
        }
        // SAM's referenceable properties of what AutoPublishAlias generates: `!Ref Function.Alias`
        // (the alias ARN) and `!Ref Function.Version` (the version ARN). Nothing is published
        // locally: the function's ARN with a stand-in qualifier.
        int dot = name.lastIndexOf('.');
        if (dot > 0 && SAM_PUBLISHED.contains(name.substring(dot + 1)) && resources.declares(name.substring(0, dot))) {
            return resources.getAtt(name.substring(0, dot), "Arn") + ":" + name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("Ref to undeclared name " + name);
    }

    private Object getAtt(Object argument) {
        List<?> args = list("Fn::GetAtt", argument, 2);
        return resources.getAtt(String.valueOf(args.get(0)), String.valueOf(resolve(args.get(1))));
    }

    private Object sub(Object argument) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> args) {
            text = String.valueOf(args.get(0));
            if (args.size() > 1 && args.get(1) instanceof Map<?, ?> map) {
                map.forEach((k, v) -> variables.put(String.valueOf(k), v));
            }
        } else {
            text = String.valueOf(argument);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            String variable = text.substring(start + 2, end).trim();
            if (variable.startsWith("!")) {
                out.append("${").append(variable.substring(1)).append('}');
            } else if (variables.containsKey(variable)) {
                out.append(resolveString(variables.get(variable)));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                out.append(resources.getAtt(variable.substring(0, dot), variable.substring(dot + 1)));
            } else {
                out.append(ref(variable));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static List<?> list(String function, Object argument, int size) {
        if (!(argument instanceof List<?> list) || (size >= 0 && list.size() < size)) {
            throw new IllegalArgumentException(function + " expects a list"
                    + (size >= 0 ? " of " + size : "") + ", got " + argument);
        }
        return list;
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    /** Logical ids of resources referenced by Ref, Fn::GetAtt or Fn::Sub anywhere in the value. */
    static Set<String> references(Object value) {
        Set<String> names = new LinkedHashSet<>();
        collect(value, names);
        return names;
    }

    private static void collect(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                if ("Ref".equals(key)) {
                    names.add(String.valueOf(child));
                } else if ("Fn::GetAtt".equals(key) && child instanceof List<?> l && !l.isEmpty()) {
                    names.add(String.valueOf(l.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    Object text = child instanceof List<?> l && !l.isEmpty() ? l.get(0) : child;
                    var matcher = Pattern.compile("\\$\\{([^!}][^}.]*)").matcher(String.valueOf(text));
                    while (matcher.find()) {
                        names.add(matcher.group(1).trim());
                    }
                    if (child instanceof List<?> l && l.size() > 1) {
                        collect(l.get(1), names);
                    }
                } else {
                    collect(child, names);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        }
    }
}
