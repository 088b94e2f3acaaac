package org.multimedia.infrastructure.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation/SAM template read with SnakeYAML. Short-form intrinsic tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) become their long form ({@code {"Ref": x}},
 * {@code {"Fn::GetAtt": [a, b]}}, ...), so the rest of the code sees one shape only.
 */
public final class Template {

    /** One entry of the Resources section. */
    public record Resource(String logicalId, String type, Map<String, Object> properties,
                           List<String> dependsOn, String condition) {
    }

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Template parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Object document = new Yaml(new CloudFormationConstructor(options)).load(yaml);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("A template is a YAML mapping");
        }
        return new Template((Map<String, Object>) document);
    }

    /**
     * The template.yaml of this repository: the nearest one in the working directory or
     * one of its parents.
     */
    public static Path locate() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No template.yaml in " + dir + " or any parent directory");
    }

    /** The whole document, long-form intrinsics. */
    public Map<String, Object> root() {
        return root;
    }

    /** Parameters with their declarations (Type, Default, ...). */
    public Map<String, Map<String, Object>> parameters() {
        return section("Parameters");
    }

    /** Parameter name to its Default (as a string); parameters without default are absent. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        parameters().forEach((name, declaration) -> {
            Object value = declaration == null ? null : declaration.get("Default");
            if (value instanceof List<?> list) {
                defaults.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                defaults.put(name, String.valueOf(value));
            }
        });
        return defaults;
    }

    /** Globals.Function (SAM), or an empty map. */
    public Map<String, Object> globalsFunction() {
        return globals("Function");
    }

    /** Globals.HttpApi (SAM), or an empty map. */
    public Map<String, Object> globalsHttpApi() {
        return globals("HttpApi");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> globals(String kind) {
        Object globals = root.get("Globals");
        if (globals instanceof Map<?, ?> map && map.get(kind) instanceof Map<?, ?> section) {
            return (Map<String, Object>) section;
        }
        return Map.of();
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** Resources in declaration order. */
    @SuppressWarnings("unchecked")
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        Map<String, Object> raw = section("Resources");
        raw.forEach((id, value) -> {
            Map<String, Object> body = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Object properties = body.get("Properties");
            Object dependsOn = body.get("DependsOn");
            List<String> deps = dependsOn instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : dependsOn == null ? List.of() : List.of(String.valueOf(dependsOn));
            resources.put(id, new Resource(id, String.valueOf(body.get("Type")),
                    properties instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(),
                    deps, body.get("Condition") == null ? null : String.valueOf(body.get("Condition"))));
        });
        return Collections.unmodifiableMap(resources);
    }

    @SuppressWarnings("unchecked")
    private <V> Map<String, V> section(String name) {
        Object section = root.get(name);
        return section instanceof Map<?, ?> map ? (Map<String, V>) map : Map.of();
    }

    /** SnakeYAML constructor that turns CloudFormation short tags into long-form maps. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String fn : List.of("Sub", "Join", "Select", "If", "Equals", "Not", "And", "Or", "Split",
                    "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Length", "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                return new ArrayList<>(constructSequence(sequence));
            } else {
                return new LinkedHashMap<>(constructMapping((MappingNode) node));
            }
        }

        private class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(key, value(node));
                return map;
            }
        }

        private class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = value(node);
                if (value instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute: " + s);
                    }
                    value = new ArrayList<>(List.of(s.substring(0, dot), s.substring(dot + 1)));
                }
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("Fn::GetAtt", value);
                return map;
            }
        }
    }
}
