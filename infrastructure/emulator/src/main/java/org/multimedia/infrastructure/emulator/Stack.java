package org.multimedia.infrastructure.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What template.yaml declares, created in the emulator: physical ids of the resources, and
 * the resolved view of the parts the local API gateway needs (routes, authorizers, CORS,
 * function environments).
 */
public final class Stack {

    private final String name;
    private final Template template;
    private final Map<String, String> parameters;
    private final Map<String, Template.Resource> resources;
    /** What was created in the emulator, by logical id; written only by {@link #created}. */
    private final Map<String, Created> created = new HashMap<>();
    final Intrinsics intrinsics;
    private final String region;

    private Stack(String name, Template template, Map<String, String> parameters, String region) {
        this.name = name;
        this.template = template;
        this.parameters = parameters;
        this.region = region;
        this.resources = template.resources();
        this.intrinsics = new Intrinsics(parameters, template.conditions(), region, name,
                new Intrinsics.Resources() {
                    @Override
                    public boolean declares(String logicalId) {
                        return resources.containsKey(logicalId);
                    }

                    @Override
                    public String ref(String logicalId) {
                        return physicalId(logicalId);
                    }

                    @Override
                    public String getAtt(String logicalId, String attribute) {
                        return attribute(logicalId, attribute);
                    }
                });
    }

    /**
     * The values a local stack gets for the template's parameters that have no default (on AWS,
     * samconfig.toml or {@code sam deploy --guided} give them): a development stage whose website
     * is the local gateway's origin, and sender identities the emulator creates.
     */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "Stage", "dev",
            "WebsiteUrl", "http://localhost:3000",
            "SenderEmail", "no-reply@multimedia.example.org",
            "NewsletterSenderEmail", "newsletter@multimedia.example.org",
            "CreateSenderIdentities", "true",
            // One machine plays every client (journeys, load tests, the test lanes): 20 an hour would stop them.
            "SignUpsPerClientPerHour", "1000");

    private static final String LOCAL_API_ID = "local";

    /** Creates every resource of the template with default parameter values. */
    public static Stack provision(LocalAws aws, Path templateYaml, String stackName) {
        return provision(aws, templateYaml, stackName, Map.of());
    }

    /**
     * Creates every resource of the template; {@code parameterOverrides} win over the defaults.
     * Strict unless turned off ({@link StrictMode#fromEnvironment()}).
     */
    public static Stack provision(LocalAws aws, Path templateYaml, String stackName,
                                  Map<String, String> parameterOverrides) {
        return provision(aws, templateYaml, stackName, parameterOverrides, StrictMode.fromEnvironment());
    }

    /**
     * As above; when {@code strict}, a template AWS would refuse is refused here, with every
     * reason ({@link TemplateRefused}), before anything is created in the emulator.
     */
    public static Stack provision(LocalAws aws, Path templateYaml, String stackName,
                                  Map<String, String> parameterOverrides, StrictMode strict) {
        Stack stack = describe(Template.load(templateYaml), stackName, aws.region(), parameterOverrides);
        strict.check(stack);
        new Provisioner(aws, stack).provisionAll();
        return stack;
    }

    /** The stack without creating anything (resources referenced get placeholder ids): what tests read routes from. */
    public static Stack describe(Template template, String stackName, String region, Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        LOCAL_PARAMETERS.forEach((name, value) -> {
            if (template.parameters().containsKey(name)) {
                parameters.put(name, value);
            }
        });
        parameters.putAll(overrides);
        for (String declared : template.parameters().keySet()) {
            if (!parameters.containsKey(declared)) {
                throw new IllegalArgumentException("Parameter " + declared + " has no default and no value");
            }
        }
        return new Stack(stackName, template, Collections.unmodifiableMap(parameters), region);
    }

    /** A resource created in the emulator: what {@code Ref} and {@code Fn::GetAtt} of it give. */
    private record Created(String physicalId, Map<String, String> attributes) {
    }

    /** Records a resource the {@link Provisioner} created, for later {@code Ref}s and {@code Fn::GetAtt}s. */
    void created(String logicalId, String physicalId, Map<String, String> attributes) {
        created.put(logicalId, new Created(physicalId, Collections.unmodifiableMap(new LinkedHashMap<>(attributes))));
    }

    /** Whether the resource was created in the emulator (not just given a stand-in id). */
    boolean isCreated(String logicalId) {
        return created.containsKey(logicalId);
    }

    public String name() {
        return name;
    }

    public Template template() {
        return template;
    }

    /** Parameter values in use (defaults + overrides). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** What {@code Ref} of the resource gives (table name, pool id, client id, secret ARN, queue URL...). */
    public String physicalId(String logicalId) {
        Created resource = created.get(logicalId);
        if (resource != null && resource.physicalId() != null) {
            return resource.physicalId();
        }
        Template.Resource declared = resources.get(logicalId);
        if (declared == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        // No CloudFront here: a distribution's id is empty, which tells the code that reads one
        // (the catalogue invalidator's PORTAL_DISTRIBUTION_ID) that there is no edge cache.
        if ("AWS::CloudFront::Distribution".equals(declared.type())) {
            return "";
        }
        // Resources with no local meaning (functions, APIs, roles...): a stable stand-in.
        return "AWS::Serverless::HttpApi".equals(declared.type()) ? LOCAL_API_ID : name + "-" + logicalId;
    }

    String attribute(String logicalId, String attribute) {
        Created known = created.get(logicalId);
        if (known != null && known.attributes().containsKey(attribute)) {
            return known.attributes().get(attribute);
        }
        Template.Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("Fn::GetAtt of undeclared resource " + logicalId);
        }
        if (attribute.equals("Arn")) {
            String service = resource.type().split("::")[1].toLowerCase(Locale.ROOT);
            return "arn:aws:" + service + ":" + region + ":" + Intrinsics.ACCOUNT_ID + ":" + physicalId(logicalId);
        }
        throw new IllegalArgumentException("Fn::GetAtt " + logicalId + "." + attribute + " is not known locally");
    }

    /** The id of the (first) Cognito user pool of the template. */
    public String userPoolId() {
        return resources.values().stream()
                .filter(r -> r.type().equals("AWS::Cognito::UserPool"))
                .map(r -> physicalId(r.logicalId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The template declares no user pool"));
    }

    /** Globals.Function.Environment.Variables merged with the function's own, resolved. */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        // The HttpApi's execute-api address (its stand-in id is "local") means the local gateway,
        // which serves the API on the website's origin.
        String awsApiUrl = "https://" + LOCAL_API_ID + ".execute-api." + region + ".amazonaws.com";
        String localApiUrl = parameters.getOrDefault("WebsiteUrl", "http://localhost:3000");
        Template.Resource function = function(functionLogicalId);
        Map<String, Object> variables = new LinkedHashMap<>(variables(template.globalsFunction()));
        variables.putAll(variables(function.properties()));
        Map<String, String> environment = new LinkedHashMap<>();
        variables.forEach((key, value) -> {
            String resolved = intrinsics.resolveString(value);
            if (resolved != null) {
                environment.put(key, resolved.equals(awsApiUrl) ? localApiUrl : resolved);
            }
        });
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        if (functionProperties.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            return (Map<String, Object>) variables;
        }
        return Map.of();
    }

    private Template.Resource function(String logicalId) {
        Template.Resource function = resources.get(logicalId);
        if (function == null || !function.type().equals("AWS::Serverless::Function")) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function of the template");
        }
        return function;
    }

    /** Every HttpApi event of every function, in template order. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Template.Resource function : resources.values()) {
            if (!function.type().equals("AWS::Serverless::Function") || !active(function)) {
                continue;
            }
            Object handler = function.properties().getOrDefault("Handler", template.globalsFunction().get("Handler"));
            String handlerClass = handler == null ? null : String.valueOf(intrinsics.resolve(handler)).split("::")[0];
            if (!(function.properties().get("Events") instanceof Map<?, ?> events)) {
                continue;
            }
            for (Object event : events.values()) {
                if (!(event instanceof Map<?, ?> e) || !"HttpApi".equals(e.get("Type"))) {
                    continue;
                }
                Map<?, ?> properties = e.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
                Object path = intrinsics.resolve(properties.get("Path"));
                Object method = intrinsics.resolve(properties.get("Method"));
                String authorizer = authorizerOf(properties);
                routes.add(new Route(
                        method == null ? "ANY" : String.valueOf(method).toUpperCase(Locale.ROOT),
                        path == null ? "$default" : String.valueOf(path),
                        function.logicalId(), handlerClass, authorizer, scopesOf(properties, authorizer)));
            }
        }
        return Collections.unmodifiableList(routes);
    }

    /**
     * Every SQS event of every function, in template order: the queue must be one of the
     * template's (its {@code Queue} an {@code Fn::GetAtt X.Arn} of an {@code AWS::SQS::Queue}).
     */
    public List<QueueConsumer> queueConsumers() {
        List<QueueConsumer> consumers = new ArrayList<>();
        for (Template.Resource function : resources.values()) {
            if (!function.type().equals("AWS::Serverless::Function") || !active(function)
                    || !(function.properties().get("Events") instanceof Map<?, ?> events)) {
                continue;
            }
            for (Object event : events.values()) {
                if (!(event instanceof Map<?, ?> e) || !"SQS".equals(e.get("Type"))) {
                    continue;
                }
                Map<?, ?> properties = e.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
                String arn = intrinsics.resolveString(properties.get("Queue"));
                String queue = resources.values().stream()
                        .filter(r -> r.type().equals("AWS::SQS::Queue") && active(r))
                        .map(Template.Resource::logicalId)
                        .filter(id -> attribute(id, "Arn").equals(arn))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(function.logicalId()
                                + ": SQS event on a queue the template does not declare: " + arn));
                Object batchSize = intrinsics.resolve(properties.get("BatchSize"));
                boolean partial = strings(intrinsics.resolve(properties.get("FunctionResponseTypes")))
                        .contains("ReportBatchItemFailures");
                consumers.add(new QueueConsumer(function.logicalId(), handlerClass(function), queue,
                        physicalId(queue), arn, batchSize == null ? 10 : Integer.parseInt(String.valueOf(batchSize)),
                        partial));
            }
        }
        return Collections.unmodifiableList(consumers);
    }

    private String handlerClass(Template.Resource function) {
        Object handler = function.properties().getOrDefault("Handler", template.globalsFunction().get("Handler"));
        return handler == null ? null : String.valueOf(intrinsics.resolve(handler)).split("::")[0];
    }

    private String authorizerOf(Map<?, ?> eventProperties) {
        Object authorizer = null;
        if (eventProperties.get("Auth") instanceof Map<?, ?> auth) {
            authorizer = auth.get("Authorizer");
        }
        if (authorizer == null) {
            authorizer = httpApiAuth(apiOf(eventProperties)).get("DefaultAuthorizer");
        }
        if (authorizer == null) {
            return null;
        }
        String name = String.valueOf(intrinsics.resolve(authorizer));
        return "NONE".equals(name) ? null : name;
    }

    /**
     * SAM: the event's {@code Auth.AuthorizationScopes}, else the authorizer's own
     * {@code AuthorizationScopes} (its default for every route it guards); none without an authorizer.
     */
    private List<String> scopesOf(Map<?, ?> eventProperties, String authorizer) {
        if (authorizer == null) {
            return List.of();
        }
        if (eventProperties.get("Auth") instanceof Map<?, ?> auth && auth.get("AuthorizationScopes") != null) {
            return strings(intrinsics.resolve(auth.get("AuthorizationScopes")));
        }
        if (httpApiAuth(apiOf(eventProperties)).get("Authorizers") instanceof Map<?, ?> authorizers
                && authorizers.get(authorizer) instanceof Map<?, ?> declaration
                && declaration.get("AuthorizationScopes") != null) {
            return strings(intrinsics.resolve(declaration.get("AuthorizationScopes")));
        }
        return List.of();
    }

    /** The HttpApi an event belongs to: its ApiId's target, else the template's (first) HttpApi. */
    private Map<String, Object> apiOf(Map<?, ?> eventProperties) {
        if (eventProperties.get("ApiId") instanceof Map<?, ?> ref && ref.get("Ref") != null) {
            Template.Resource api = resources.get(String.valueOf(ref.get("Ref")));
            if (api != null) {
                return api.properties();
            }
        }
        return httpApi();
    }

    private Map<String, Object> httpApi() {
        return resources.values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::HttpApi"))
                .map(Template.Resource::properties)
                .findFirst()
                .orElse(Map.of());
    }

    private Map<?, ?> httpApiAuth(Map<String, Object> api) {
        Object auth = api.getOrDefault("Auth", template.globalsHttpApi().get("Auth"));
        return auth instanceof Map<?, ?> map ? map : Map.of();
    }

    /** A JWT authorizer declared in the HttpApi's Auth.Authorizers. */
    public Optional<JwtAuthorizer> authorizer(String name) {
        if (!(httpApiAuth(httpApi()).get("Authorizers") instanceof Map<?, ?> authorizers)
                || !(authorizers.get(name) instanceof Map<?, ?> declaration)
                || !(declaration.get("JwtConfiguration") instanceof Map<?, ?> jwt)) {
            return Optional.empty();
        }
        String issuer = intrinsics.resolveString(jwt.get("issuer"));
        List<String> audience = strings(intrinsics.resolve(jwt.get("audience")));
        Object source = declaration.get("IdentitySource");
        return Optional.of(new JwtAuthorizer(name, issuer, audience,
                source == null ? "$request.header.Authorization" : intrinsics.resolveString(source)));
    }

    /**
     * The headers the CloudFront response headers policy of that logical id adds (resolved now:
     * after provisioning, its {@code Fn::GetAtt}s give what the emulator created); empty when the
     * template declares no such policy or its condition is false.
     */
    public Optional<ResponseHeadersPolicy> responseHeadersPolicy(String logicalId) {
        Template.Resource policy = resources.get(logicalId);
        if (policy == null || !policy.type().equals("AWS::CloudFront::ResponseHeadersPolicy") || !active(policy)) {
            return Optional.empty();
        }
        Object resolved = intrinsics.resolve(policy.properties());
        Object config = resolved instanceof Map<?, ?> properties ? properties.get("ResponseHeadersPolicyConfig") : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> map = config instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return Optional.of(ResponseHeadersPolicy.of(map));
    }

    /** The HttpApi's CorsConfiguration ({@link Cors#NONE} when absent). */
    public Cors cors() {
        Object configuration = httpApi().getOrDefault("CorsConfiguration",
                template.globalsHttpApi().get("CorsConfiguration"));
        Object resolved = intrinsics.resolve(configuration);
        if (Boolean.TRUE.equals(resolved)) {
            return new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        }
        if (resolved instanceof String origin) {
            return new Cors(List.of(origin), List.of("*"), List.of("*"), List.of(), null, false);
        }
        if (!(resolved instanceof Map<?, ?> map)) {
            return Cors.NONE;
        }
        Object maxAge = map.get("MaxAge");
        return new Cors(strings(map.get("AllowOrigins")), strings(map.get("AllowHeaders")),
                strings(map.get("AllowMethods")), strings(map.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge)),
                Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    boolean active(Template.Resource resource) {
        return resource.condition() == null || intrinsics.condition(resource.condition());
    }

    Map<String, Template.Resource> resources() {
        return resources;
    }

    String region() {
        return region;
    }
}
