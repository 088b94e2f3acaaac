package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private static final String TEMPLATE = """
            Parameters:
              Stage:
                Type: String
                Default: dev
              Domain:
                Type: String
                Default: example.org
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsNotProd: !Not [!Condition IsProd]
            Globals:
              Function:
                Handler: org.example.DefaultHandler
                Environment:
                  Variables:
                    STAGE: !Ref Stage
                    QUEUE_ARN: !GetAtt [Queue, Arn]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  CorsConfiguration:
                    AllowOrigins: [!Sub "https://${Domain}"]
                    AllowMethods: [GET]
                  Auth:
                    DefaultAuthorizer: Jwt
                    Authorizers:
                      Jwt:
                        AuthorizationScopes: [read]
                        JwtConfiguration:
                          issuer: !Sub https://issuer.${AWS::Region}.example/${Queue.QueueName}
                          audience: [!Ref Stage]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: org.example.FnHandler::handleRequest
                  Environment:
                    Variables:
                      URL: !Sub
                        - "https://${Host}/${AWS::StackName}/${!Literal}"
                        - Host: !Join [".", [api, !Ref Domain]]
                      MODE: !If [IsProd, live, !Join ["", [te, st]]]
                      QUEUE: !GetAtt Queue.QueueName
                  Events:
                    Open:
                      Type: HttpApi
                      Properties: {ApiId: !Ref Api, Path: "/open/{id}", Method: get, Auth: {Authorizer: NONE}}
                    Closed:
                      Type: HttpApi
                      Properties: {ApiId: !Ref Api, Path: /closed, Method: POST, Auth: {AuthorizationScopes: [write, admin]}}
              Other:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    All:
                      Type: HttpApi
            """;

    @Test
    void checksSeeWhatAValueReachesThroughTheBranchesTakenOnly() {
        Stack described = Stack.describe(Template.parse(TEMPLATE), "demo", "eu-west-1", Map.of());
        java.util.Set<String> reached = new java.util.LinkedHashSet<>();
        Object value = described.intrinsics.forChecks(reached).resolve(Template.parse("""
                Value:
                  - !If [IsProd, !Ref Api, !Ref Fn]
                  - !GetAtt Queue.QueueName
                """).root().get("Value"));
        assertEquals(List.of("demo-Fn", "Queue.QueueName"), value, "a stand-in for an attribute known once created");
        assertEquals(java.util.Set.of("Fn", "Queue"), reached);
    }

    @Test
    void aFunctionsPublishedAliasAndVersionAreReferenceableAsSamMakesThem() {
        Stack described = Stack.describe(Template.parse(TEMPLATE), "demo", "eu-west-1", Map.of());
        java.util.Set<String> reached = new java.util.LinkedHashSet<>();
        Object value = described.intrinsics.forChecks(reached).resolve(Template.parse("""
                Value: [!Ref Fn.Alias, !Ref Fn.Version]
                """).root().get("Value"));
        assertEquals(List.of("arn:aws:serverless:eu-west-1:123456789012:demo-Fn:alias",
                "arn:aws:serverless:eu-west-1:123456789012:demo-Fn:version"), value, "stand-ins: nothing is published locally");
        assertEquals(java.util.Set.of("Fn"), reached);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> described.intrinsics
                .forChecks(new java.util.HashSet<>()).resolve(Map.of("Ref", "Nope.Version")));
        assertEquals("Ref to undeclared name Nope.Version", unknown.getMessage());
    }

    private Stack stack() {
        Stack stack = Stack.describe(Template.parse(TEMPLATE), "demo", "eu-west-1", Map.of());
        stack.created("Queue", "http://sqs/demo-Queue", Map.of("Arn", "arn:aws:sqs:eu-west-1:123456789012:demo-Queue",
                "QueueName", "demo-Queue"));
        return stack;
    }

    @Test
    void shortTagsBecomeLongForm() {
        Template template = Template.parse(TEMPLATE);
        Map<String, Object> env = template.globalsFunction();
        assertEquals(Map.of("Environment", Map.of("Variables", Map.of(
                        "STAGE", Map.of("Ref", "Stage"),
                        "QUEUE_ARN", Map.of("Fn::GetAtt", List.of("Queue", "Arn"))))),
                Map.of("Environment", env.get("Environment")));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))), template.conditions().get("IsNotProd"));
    }

    @Test
    void functionEnvironmentIsMergedAndResolved() {
        Map<String, String> env = stack().functionEnvironment("Fn");
        assertEquals("dev", env.get("STAGE"));
        assertEquals("arn:aws:sqs:eu-west-1:123456789012:demo-Queue", env.get("QUEUE_ARN"));
        assertEquals("https://api.example.org/demo/${Literal}", env.get("URL"));
        assertEquals("test", env.get("MODE"));
        assertEquals("demo-Queue", env.get("QUEUE"));
    }

    @Test
    void conditionsFollowParameterOverrides() {
        Stack prod = Stack.describe(Template.parse(TEMPLATE), "demo", "eu-west-1", Map.of("Stage", "prod"));
        prod.created("Queue", "q", Map.of("Arn", "a", "QueueName", "q"));
        assertEquals("live", prod.functionEnvironment("Fn").get("MODE"));
        assertTrue(prod.intrinsics.condition("IsProd"));
        assertFalse(prod.intrinsics.condition("IsNotProd"));
    }

    @Test
    void routesAuthorizersAndCors() {
        Stack stack = stack();
        List<Route> routes = stack.routes();
        assertEquals(3, routes.size());
        assertEquals(new Route("GET", "/open/{id}", "Fn", "org.example.FnHandler", null), routes.get(0));
        assertEquals(new Route("POST", "/closed", "Fn", "org.example.FnHandler", "Jwt", List.of("write", "admin")),
                routes.get(1), "the route's own scopes");
        assertEquals(new Route("ANY", "$default", "Other", "org.example.DefaultHandler", "Jwt", List.of("read")),
                routes.get(2), "else the authorizer's");
        JwtAuthorizer jwt = stack.authorizer("Jwt").orElseThrow();
        assertEquals("https://issuer.eu-west-1.example/demo-Queue", jwt.issuer());
        assertEquals(List.of("dev"), jwt.audience());
        assertTrue(stack.authorizer("Missing").isEmpty());
        assertEquals(List.of("https://example.org"), stack.cors().allowOrigins());
        assertNull(stack.cors().maxAge());
    }

    @Test
    void generatedSecretsHonourTheirOptions() {
        String secret = Provisioner.generate(Map.of("PasswordLength", 64, "ExcludePunctuation", true));
        assertTrue(secret.matches("[A-Za-z0-9]{64}"), secret);
        String json = Provisioner.generate(Map.of("SecretStringTemplate", "{\"user\": \"app\"}",
                "GenerateStringKey", "password", "PasswordLength", 8, "ExcludePunctuation", true));
        assertTrue(json.matches("\\{\"user\": \"app\",\"password\":\"[A-Za-z0-9]{8}\"}"), json);
    }

    @Test
    void templateYamlUsesOnlyWhatTheEmulatorEvaluates() {
        Set<String> functions = new TreeSet<>();
        Set<String> pseudoParameters = new TreeSet<>();
        used(Template.load(Template.locate()).root(), functions, pseudoParameters);
        assertTrue(functions.containsAll(Set.of("Ref", "Fn::Sub", "Fn::If")), "the walk finds the template's functions: " + functions);
        List<String> missing = new ArrayList<>(functions);
        missing.removeAll(Intrinsics.FUNCTIONS);
        List<String> missingPseudo = new ArrayList<>(pseudoParameters);
        missingPseudo.removeAll(Intrinsics.PSEUDO_PARAMETERS);
        assertEquals(List.of(), missing, "template.yaml uses intrinsic functions the emulator does not evaluate (Intrinsics)");
        assertEquals(List.of(), missingPseudo, "template.yaml uses pseudo parameters the emulator does not know (Intrinsics)");
    }

    @Test
    void anIntrinsicTheTemplateDoesNotUseIsRefusedByName() {
        Stack stack = stack();
        IllegalArgumentException select = assertThrows(IllegalArgumentException.class, () -> stack.intrinsics.resolve(
                Template.parse("V: !Select [0, [a, b]]").root().get("V")));
        assertTrue(select.getMessage().startsWith("Fn::Select is not supported locally"), select.getMessage());
        IllegalArgumentException stackId = assertThrows(IllegalArgumentException.class, () -> stack.intrinsics.resolve(
                Template.parse("V: !Sub '${AWS::StackId}'").root().get("V")));
        assertTrue(stackId.getMessage().startsWith("AWS::StackId is not supported locally"), stackId.getMessage());
        Set<String> functions = new TreeSet<>();
        Set<String> pseudo = new TreeSet<>();
        used(Template.parse("V: {A: !Select [0, !Split [',', !Sub '${AWS::StackId}']]}").root(), functions, pseudo);
        assertEquals(Set.of("Fn::Select", "Fn::Split", "Fn::Sub"), functions, "what the template check would report");
        assertEquals(Set.of("AWS::StackId"), pseudo);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(AWS::[A-Za-z]+)}");

    /** Every intrinsic function and pseudo parameter in a long-form value (Template turns short tags into it). */
    private static void used(Object value, Set<String> functions, Set<String> pseudoParameters) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                if (key.startsWith("Fn::") || key.equals("Ref") || (key.equals("Condition") && argument instanceof String)) {
                    functions.add(key);
                }
                if (key.equals("Ref") && String.valueOf(argument).startsWith("AWS::")) {
                    pseudoParameters.add(String.valueOf(argument));
                }
                if (key.equals("Fn::Sub")) {
                    Object text = argument instanceof List<?> l && !l.isEmpty() ? l.get(0) : argument;
                    Matcher m = SUB_VARIABLE.matcher(String.valueOf(text));
                    while (m.find()) {
                        pseudoParameters.add(m.group(1));
                    }
                }
            }
            map.values().forEach(v -> used(v, functions, pseudoParameters));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> used(v, functions, pseudoParameters));
        }
    }
}
