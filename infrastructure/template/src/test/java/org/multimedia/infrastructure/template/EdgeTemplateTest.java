package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's edge as CloudFormation receives it: one CloudFront distribution serving the
 * website (private bucket, Origin Access Control) and every API route prefix of openapi.yaml,
 * the security headers of the issue on every answer, the web ACL when one is given, the
 * catalogue cached briefly and nothing else, and a stack CloudFormation can order (no
 * dependency cycle: no API function may depend on the distribution).
 */
class EdgeTemplateTest {

    /** Managed policies (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html, .../using-managed-origin-request-policies.html). */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    static final String WEB_ACL = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/multimedia-account-prod/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00";
    static final String CERTIFICATE = "arn:aws:acm:us-east-1:111122223333:certificate/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00";

    static Map<String, DeployedTemplate> deployments;
    static JsonNode openapi;

    @BeforeAll
    static void transform() throws IOException {
        deployments = new LinkedHashMap<>(TemplateTest.deployments());
        Map<String, String> edge = new LinkedHashMap<>(TemplateTest.profileParameters(TemplateTest.samconfig(), "prod"));
        edge.put("WebAclArn", WEB_ACL);
        edge.put("PortalDomainName", "www.multimedia.example.org");
        edge.put("PortalCertificateArn", CERTIFICATE);
        edge.put("ApiDomainName", "api.multimedia.example.org");
        edge.put("ApiCertificateArn", "arn:aws:acm:eu-west-1:111122223333:certificate/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d01");
        edge.put("BudgetMonthlyUsd", "500");
        edge.put("BudgetEmail", "ops@multimedia.example.org");
        deployments.put("prod with the whole edge", DeployedTemplate.transform(TemplateTest.ROOT, edge));
        openapi = new YAMLMapper().readTree(TemplateTest.ROOT.resolve("openapi.yaml").toFile());
    }

    private static JsonNode config(DeployedTemplate deployment) {
        JsonNode distribution = deployment.resources().get("PortalDistribution");
        assertTrue(distribution != null, "PortalDistribution is always created");
        return distribution.path("Properties").path("DistributionConfig");
    }

    private static List<JsonNode> behaviours(JsonNode config) {
        List<JsonNode> all = new ArrayList<>();
        config.path("CacheBehaviors").forEach(all::add);
        return all;
    }

    /** CloudFront's path pattern: `*` any characters, `?` one, case-sensitive. */
    static boolean matches(String pathPattern, String path) {
        StringBuilder regex = new StringBuilder();
        for (char c : pathPattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), path);
    }

    /** The behaviour CloudFront picks for a path: the first ordered one that matches, else the default. */
    private static JsonNode behaviourFor(JsonNode config, String path) {
        return behaviours(config).stream().filter(b -> matches(b.path("PathPattern").asText(), path)).findFirst()
                .orElse(config.path("DefaultCacheBehavior"));
    }

    private static Map<String, String> operations() {
        Map<String, String> operations = new TreeMap<>(); // "GET /videos/{id}" -> concrete path
        openapi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.put(method.toUpperCase() + " " + path.getKey(),
                        path.getKey().replaceAll("\\{[^}]+}", "0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00"));
            }
        }));
        return operations;
    }

    @Test
    void everyRouteOfTheApiReachesTheApiOriginAndEverythingElseTheSite() {
        deployments.forEach((name, deployment) -> {
            JsonNode config = config(deployment);
            operations().forEach((operation, path) -> {
                JsonNode behaviour = behaviourFor(config, path);
                assertEquals("api", behaviour.path("TargetOriginId").asText(),
                        name + ": " + operation + " would reach the website bucket (add a behaviour for its prefix)");
                String method = operation.substring(0, operation.indexOf(' '));
                assertTrue(texts(behaviour.path("AllowedMethods")).contains(method), name + ": " + operation + " is not an allowed method");
            });
            for (JsonNode behaviour : behaviours(config)) {
                assertTrue(operations().values().stream().anyMatch(p -> matches(behaviour.path("PathPattern").asText(), p)),
                        name + ": " + behaviour.path("PathPattern").asText() + " matches no route of openapi.yaml");
            }
            JsonNode site = config.path("DefaultCacheBehavior");
            assertEquals("site", site.path("TargetOriginId").asText(), name + ": the website is the default behaviour");
            for (String page : List.of("/", "/index.html", "/app.3f2a9c1b.js", "/config.js", "/favicon.svg", "/accounts.html")) {
                assertEquals("site", behaviourFor(config, page).path("TargetOriginId").asText(), name + ": " + page);
            }
            assertEquals(CACHING_OPTIMIZED, site.path("CachePolicyId").asText());
            assertEquals("index.html", config.path("DefaultRootObject").asText());
            assertEquals("http2and3", config.path("HttpVersion").asText());
            JsonNode api = origin(config, "api");
            assertEquals("https-only", api.path("CustomOriginConfig").path("OriginProtocolPolicy").asText());
            assertEquals(List.of("TLSv1.2"), texts(api.path("CustomOriginConfig").path("OriginSSLProtocols")));
            for (JsonNode behaviour : allBehaviours(config)) {
                assertEquals("redirect-to-https", behaviour.path("ViewerProtocolPolicy").asText(), name);
            }
        });
    }

    @Test
    void theSiteBucketIsPrivateAndReadOnlyByThePortalDistributionThroughOriginAccessControl() {
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            JsonNode block = resources.get("SiteBucket").path("Properties").path("PublicAccessBlockConfiguration");
            for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
                assertTrue(block.path(setting).asBoolean(), name + ": SiteBucket " + setting);
            }
            JsonNode site = origin(config(deployment), "site");
            assertEquals(Set.of("SiteBucket"), DeployedTemplate.references(site.path("DomainName")));
            assertEquals(Set.of("SiteOriginAccessControl"), DeployedTemplate.references(site.path("OriginAccessControlId")));
            assertEquals("", site.path("S3OriginConfig").path("OriginAccessIdentity").asText("missing"), "OAC, not a legacy OAI");
            JsonNode oac = resources.get("SiteOriginAccessControl").path("Properties").path("OriginAccessControlConfig");
            assertEquals("s3", oac.path("OriginAccessControlOriginType").asText());
            assertEquals("always", oac.path("SigningBehavior").asText());

            List<JsonNode> policies = resources.values().stream()
                    .filter(r -> r.path("Type").asText().equals("AWS::S3::BucketPolicy"))
                    .filter(r -> DeployedTemplate.references(r.path("Properties").path("Bucket")).contains("SiteBucket")).toList();
            assertEquals(1, policies.size(), name + ": one policy on the site bucket");
            List<JsonNode> allows = new ArrayList<>();
            boolean deniesPlainHttp = false;
            for (JsonNode statement : policies.get(0).path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow")) {
                    allows.add(statement);
                } else {
                    deniesPlainHttp |= statement.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false");
                }
            }
            assertTrue(deniesPlainHttp, name + ": the site bucket refuses requests without TLS");
            assertEquals(1, allows.size(), name + ": one reader");
            JsonNode allow = allows.get(0);
            assertEquals("cloudfront.amazonaws.com", allow.path("Principal").path("Service").asText());
            assertEquals(List.of("s3:GetObject"), texts(allow.path("Action")));
            JsonNode sourceArn = allow.path("Condition").path("StringEquals").path("AWS:SourceArn");
            Set<String> named = new TreeSet<>(DeployedTemplate.references(sourceArn));
            named.removeIf(n -> n.startsWith("AWS::"));
            assertEquals(Set.of("PortalDistribution"), named, name + ": only the portal's distribution (AWS:SourceArn)");
            assertTrue(sourceArn.toString().contains(":cloudfront::${AWS::AccountId}:distribution/${PortalDistribution}"), sourceArn.toString());
        });
    }

    @Test
    void everyAnswerCarriesTheIssuesSecurityHeaders() {
        deployments.forEach((name, deployment) -> {
            JsonNode config = config(deployment);
            for (JsonNode behaviour : allBehaviours(config)) {
                assertEquals(Set.of("PortalHeadersPolicy"), DeployedTemplate.references(behaviour.path("ResponseHeadersPolicyId")),
                        name + ": " + behaviour.path("PathPattern").asText("default") + " has the portal's headers");
            }
            JsonNode policy = deployment.resources().get("PortalHeadersPolicy").path("Properties").path("ResponseHeadersPolicyConfig");
            JsonNode security = policy.path("SecurityHeadersConfig");
            Map<String, String> csp = directives(csp(security.path("ContentSecurityPolicy").path("ContentSecurityPolicy")));
            assertEquals("'self'", csp.get("default-src"), name);
            assertEquals("'none'", csp.get("frame-ancestors"), name);
            for (String directive : List.of("default-src", "script-src", "style-src")) {
                String sources = csp.getOrDefault(directive, csp.get("default-src"));
                for (String unsafe : List.of("'unsafe-inline'", "'unsafe-eval'", "data:", "*")) {
                    assertFalse(List.of(sources.split(" ")).contains(unsafe), name + ": " + directive + " allows " + unsafe);
                }
            }
            assertEquals(63072000, security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt(), "HSTS 2 years");
            assertTrue(security.path("StrictTransportSecurity").path("IncludeSubdomains").asBoolean(), "HSTS includeSubDomains");
            assertTrue(security.has("ContentTypeOptions"), "X-Content-Type-Options: nosniff");
            assertEquals("strict-origin-when-cross-origin", security.path("ReferrerPolicy").path("ReferrerPolicy").asText());
            assertEquals("DENY", security.path("FrameOptions").path("FrameOption").asText());
            Optional<JsonNode> permissions = java.util.stream.StreamSupport.stream(
                            policy.path("CustomHeadersConfig").path("Items").spliterator(), false)
                    .filter(h -> h.path("Header").asText().equalsIgnoreCase("Permissions-Policy")).findFirst();
            assertTrue(permissions.isPresent(), "Permissions-Policy");
            for (String feature : List.of("camera", "microphone", "geolocation", "payment", "usb")) {
                assertTrue(permissions.get().path("Value").asText().contains(feature + "=()"), "Permissions-Policy denies " + feature);
            }
        });
    }

    @Test
    void theWebAclIsAssociatedWhenItsArnIsGivenAndOnlyThen() {
        deployments.forEach((name, deployment) -> {
            JsonNode config = config(deployment);
            String given = deployment.parameter("WebAclArn");
            if (given == null || given.isEmpty()) {
                assertFalse(config.has("WebACLId"), name + ": no web ACL without WebAclArn");
            } else {
                assertEquals(Set.of("WebAclArn"), DeployedTemplate.references(config.path("WebACLId")), name);
            }
        });
        assertTrue(config(deployments.get("prod with the whole edge")).has("WebACLId"));
        assertFalse(config(deployments.get("prod")).has("WebACLId"));
        JsonNode pattern = declaredParameters().path("WebAclArn").path("AllowedPattern");
        assertTrue(Pattern.matches(pattern.asText(), WEB_ACL));
        assertTrue(Pattern.matches(pattern.asText(), ""));
        assertFalse(Pattern.matches(pattern.asText(), WEB_ACL.replace(":global/", ":regional/")), "a REGIONAL ACL cannot go on CloudFront");
        assertFalse(Pattern.matches(pattern.asText(), WEB_ACL.replace("us-east-1", "eu-west-1")), "CLOUDFRONT scope lives in us-east-1");
    }

    @Test
    void aPortalDomainComesWithItsUsEast1CertificateAndModernTls() {
        JsonNode withDomain = config(deployments.get("prod with the whole edge"));
        assertEquals(1, withDomain.path("Aliases").size());
        assertEquals(Set.of("PortalDomainName"), DeployedTemplate.references(withDomain.path("Aliases")));
        JsonNode certificate = withDomain.path("ViewerCertificate");
        assertEquals(Set.of("PortalCertificateArn"), DeployedTemplate.references(certificate.path("AcmCertificateArn")));
        assertEquals("sni-only", certificate.path("SslSupportMethod").asText());
        assertEquals("TLSv1.2_2021", certificate.path("MinimumProtocolVersion").asText());
        JsonNode without = config(deployments.get("prod"));
        assertFalse(without.has("Aliases"));
        assertTrue(without.path("ViewerCertificate").path("CloudFrontDefaultCertificate").asBoolean());
        JsonNode rules = rawTemplate().path("Rules");
        assertTrue(rules.path("PortalDomainNeedsItsCertificate").isObject());
        assertTrue(rules.path("PortalCertificateNeedsItsDomain").isObject());
        String pattern = declaredParameters().path("PortalCertificateArn").path("AllowedPattern").asText();
        assertTrue(Pattern.matches(pattern, CERTIFICATE));
        assertTrue(Pattern.matches(pattern, ""));
        assertFalse(Pattern.matches(pattern, CERTIFICATE.replace("us-east-1", "eu-west-1")), "CloudFront takes us-east-1 certificates only");
    }

    @Test
    void theApiOriginSendsTheOriginSecretAndIsTheCustomDomainWhenTheExecuteApiUrlIsOff() {
        deployments.forEach((name, deployment) -> {
            JsonNode api = origin(config(deployment), "api");
            List<JsonNode> headers = new ArrayList<>();
            api.path("OriginCustomHeaders").forEach(headers::add);
            assertEquals(1, headers.size(), name);
            assertEquals("X-Origin-Verify", headers.get(0).path("HeaderName").asText());
            String value = headers.get(0).path("HeaderValue").path("Fn::Sub").asText();
            assertEquals("{{resolve:secretsmanager:${OriginSecret}:SecretString}}", value, name + ": the secret's current value");
            JsonNode httpApi = deployment.resources("AWS::ApiGatewayV2::Api").values().iterator().next().path("Properties").path("Body");
            boolean executeApiOff = httpApi.path("servers").path(0).path("x-amazon-apigateway-endpoint-configuration")
                    .path("disableExecuteApiEndpoint").asBoolean();
            boolean customDomain = !deployment.parameter("ApiDomainName").isEmpty();
            assertEquals(customDomain, executeApiOff, name + ": the execute-api URL is off exactly with a custom domain");
            assertEquals(customDomain ? Set.of("ApiDomainName") : Set.of("HttpApi", "AWS::Region", "AWS::URLSuffix"),
                    DeployedTemplate.references(api.path("DomainName")), name + ": the api origin");
        });
    }

    /**
     * `/videos` and `/videos/*` are cached 30-60 s keyed on the query, the bearer and the
     * normalised language; every other API behaviour caches nothing. A cached behaviour forwards
     * the Authorization header on GET only when its cache policy keys on it (an origin request
     * policy cannot forward it: https://repost.aws/knowledge-center/cloudfront-authorization-header),
     * so every GET it serves that takes a bearer (GET /videos: editors' `status=` lists) needs
     * Authorization in the key; without one, requests still share one entry.
     */
    @Test
    void theCatalogueIsCachedThirtyToSixtySecondsAndNothingElseOfTheApiIs() {
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            JsonNode config = config(deployment);
            Set<String> cachedPatterns = new TreeSet<>();
            for (JsonNode behaviour : behaviours(config)) {
                String pattern = behaviour.path("PathPattern").asText();
                assertEquals(ALL_VIEWER_EXCEPT_HOST_HEADER, behaviour.path("OriginRequestPolicyId").asText(),
                        name + ": " + pattern + " forwards the viewer's headers (Authorization, CloudFront-Viewer-Address) but Host");
                JsonNode policyId = behaviour.path("CachePolicyId");
                if (policyId.isTextual()) {
                    assertEquals(CACHING_DISABLED, policyId.asText(), name + ": " + pattern + " caches nothing");
                    continue;
                }
                cachedPatterns.add(pattern);
                String policyName = DeployedTemplate.references(policyId).iterator().next();
                JsonNode policy = resources.get(policyName).path("Properties").path("CachePolicyConfig");
                assertEquals(0, policy.path("MinTTL").asInt(), "the API's no-store is honoured");
                assertEquals(30, policy.path("DefaultTTL").asInt());
                assertEquals(60, policy.path("MaxTTL").asInt());
                JsonNode key = policy.path("ParametersInCacheKeyAndForwardedToOrigin");
                assertEquals("all", key.path("QueryStringsConfig").path("QueryStringBehavior").asText(), "keyed on the query");
                assertEquals("whitelist", key.path("HeadersConfig").path("HeaderBehavior").asText());
                assertEquals(Set.of("authorization", "accept-language"), lowerCase(key.path("HeadersConfig").path("Headers")),
                        name + ": the bearer (never one caller's answer to another) and the language");
                assertEquals("none", key.path("CookiesConfig").path("CookieBehavior").asText());
            }
            assertEquals(Set.of("/videos", "/videos/*"), cachedPatterns, name + ": the cached behaviours");
            operations().forEach((operation, path) -> {
                JsonNode behaviour = behaviourFor(config, path);
                if (operation.startsWith("GET ") && cachedPatterns.contains(behaviour.path("PathPattern").asText())) {
                    JsonNode security = openapi.path("paths").path(operation.substring(4)).path("get").path("security");
                    boolean anonymous = security.isArray() && security.isEmpty();
                    assertTrue(anonymous || cacheKeyHeaders(resources, behaviour).contains("authorization"),
                            operation + " takes a bearer but is served by a cached behaviour whose key lacks Authorization"
                                    + " (CloudFront drops the header there)");
                }
            });
        });
    }

    /**
     * The language in the catalogue's cache key is bounded: a viewer-request CloudFront Function
     * (before the cache lookup) reduces Accept-Language to `en` or `fr` on every behaviour whose
     * key holds it (its code is tested in CatalogueLanguageFunctionTest). CloudFront's rules for
     * an association (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html):
     * one function per event type and behaviour; CloudFront Functions on viewer events only.
     * And the function's Name: 1-64 of [a-zA-Z0-9-_] (CreateFunction), for every stack name of
     * samconfig.toml.
     */
    @Test
    void theCataloguesLanguageIsNormalisedAtTheEdgeBeforeTheCacheLookup() {
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            JsonNode function = resources.get("CatalogueLanguageFunction");
            assertTrue(function != null, name + ": CatalogueLanguageFunction is always created (the portal always is)");
            assertEquals("AWS::CloudFront::Function", function.path("Type").asText());
            JsonNode properties = function.path("Properties");
            assertEquals("cloudfront-js-2.0", properties.path("FunctionConfig").path("Runtime").asText());
            assertTrue(properties.path("AutoPublish").asBoolean(), name + ": only a published (LIVE) function can be associated");
            Set<String> normalised = new TreeSet<>();
            for (JsonNode behaviour : allBehaviours(config(deployment))) {
                String pattern = behaviour.path("PathPattern").asText("default");
                Set<String> eventTypes = new HashSet<>();
                for (JsonNode association : behaviour.path("FunctionAssociations")) {
                    String eventType = association.path("EventType").asText();
                    assertTrue(eventTypes.add(eventType), name + ": " + pattern + " has two functions for " + eventType);
                    assertTrue(Set.of("viewer-request", "viewer-response").contains(eventType),
                            name + ": a CloudFront Function runs on viewer events only, not " + eventType);
                    assertEquals(Set.of("CatalogueLanguageFunction"), DeployedTemplate.references(association.path("FunctionARN")));
                    assertEquals("viewer-request", eventType, name + ": before the cache lookup, so the key sees its result");
                    normalised.add(pattern);
                }
                if (cacheKeyHeaders(resources, behaviour).contains("accept-language")) {
                    assertTrue(normalised.contains(pattern), name + ": " + pattern + " keys on Accept-Language as browsers send it");
                }
            }
            assertEquals(Set.of("/videos", "/videos/*"), normalised, name + ": the catalogue's behaviours");
        });
        JsonNode samconfig = TemplateTest.samconfig();
        String functionName = rawTemplate().path("Resources").path("CatalogueLanguageFunction").path("Properties").path("Name").asText();
        assertTrue(functionName.startsWith("${AWS::StackName}"), functionName);
        samconfig.fields().forEachRemaining(profile -> {
            String stack = profile.getValue().path("deploy").path("parameters").path("stack_name").asText("");
            if (!stack.isEmpty()) {
                String resolved = functionName.replace("${AWS::StackName}", stack);
                assertTrue(Pattern.matches("[a-zA-Z0-9_-]{1,64}", resolved), profile.getKey() + ": function name " + resolved);
            }
        });
    }

    /**
     * CloudFront's rules on every cache policy of the stack: at most 10 headers, 10 query strings
     * and 10 cookies in a key (quotas, "Quotas on policies": TooManyHeadersInCachePolicy, ...);
     * Accept-Encoding is keyed by EnableAcceptEncodingGzip/Brotli, never named; and a behaviour
     * whose key holds Authorization goes to a custom origin, since keying on Authorization is not
     * supported for S3 origins (https://repost.aws/knowledge-center/cloudfront-authorization-header).
     */
    @Test
    void everyCachePolicyKeepsToCloudFrontsRules() {
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            deployment.resources("AWS::CloudFront::CachePolicy").forEach((id, policy) -> {
                JsonNode key = policy.path("Properties").path("CachePolicyConfig").path("ParametersInCacheKeyAndForwardedToOrigin");
                assertTrue(key.path("HeadersConfig").path("Headers").size() <= 10, name + ": " + id + " headers");
                assertTrue(key.path("QueryStringsConfig").path("QueryStrings").size() <= 10, name + ": " + id + " query strings");
                assertTrue(key.path("CookiesConfig").path("Cookies").size() <= 10, name + ": " + id + " cookies");
                assertFalse(lowerCase(key.path("HeadersConfig").path("Headers")).contains("accept-encoding"), name + ": " + id);
            });
            deployment.resources("AWS::CloudFront::Distribution").forEach((id, distribution) -> {
                JsonNode config = distribution.path("Properties").path("DistributionConfig");
                for (JsonNode behaviour : allBehaviours(config)) {
                    if (cacheKeyHeaders(resources, behaviour).contains("authorization")) {
                        JsonNode target = origin(config, behaviour.path("TargetOriginId").asText());
                        assertTrue(target.has("CustomOriginConfig") && !target.has("S3OriginConfig"),
                                name + ": " + id + " " + behaviour.path("PathPattern").asText("default") + " keys on Authorization for an S3 origin");
                    }
                }
            });
        });
    }

    /**
     * The video distribution (with CloudFront keys): posters and previews under `/public/*`
     * without a signature, everything else signed; the public files cached up to a year on their
     * path alone (no query, header or cookie: one entry per file; Range is served by CloudFront
     * from that entry, S3 supports ranges), nosniff on their answers; the bucket lets the
     * distribution read videos/ and public/, never uploads/ or search/.
     */
    @Test
    void theVideoDistributionServesPostersAndPreviewsUnsignedAndEverythingElseSigned() {
        DeployedTemplate withCloudFront = deployments.get("prod with CloudFront");
        assertTrue(withCloudFront != null);
        deployments.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            JsonNode distribution = resources.get("VideoDistribution");
            if (distribution == null) {
                for (String id : List.of("VideoPublicCachePolicy", "VideoPublicHeadersPolicy")) {
                    assertFalse(resources.containsKey(id), name + ": " + id + " without the video distribution");
                }
                return;
            }
            JsonNode config = distribution.path("Properties").path("DistributionConfig");
            JsonNode signed = config.path("DefaultCacheBehavior");
            assertEquals(Set.of("VideoKeyGroup"), DeployedTemplate.references(signed.path("TrustedKeyGroups")), name + ": downloads are signed");
            List<JsonNode> behaviours = behaviours(config);
            assertEquals(1, behaviours.size(), name + ": one unsigned behaviour");
            JsonNode open = behaviours.get(0);
            assertEquals("/public/*", open.path("PathPattern").asText());
            assertFalse(open.has("TrustedKeyGroups") || open.has("TrustedSigners"), name + ": public files need no signature");
            assertEquals(List.of("GET", "HEAD"), texts(open.path("AllowedMethods")));
            assertEquals("https-only", open.path("ViewerProtocolPolicy").asText());
            for (String path : List.of("/public/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00/poster", "/public/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00/preview")) {
                assertEquals("/public/*", behaviourFor(config, path).path("PathPattern").asText(), path);
            }
            for (String path : List.of("/videos/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00/hd", "/uploads/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00/poster",
                    "/search/index.json", "/Public/0b5e1c1e-1d1b-4a55-9c3e-6a1f7b2c9d00/poster")) {
                assertTrue(behaviourFor(config, path).has("TrustedKeyGroups"), path + " takes the signed behaviour");
            }

            JsonNode policy = resources.get(single(DeployedTemplate.references(open.path("CachePolicyId"))))
                    .path("Properties").path("CachePolicyConfig");
            assertTrue(policy.path("MaxTTL").asLong() >= 31536000, "kept up to a year");
            assertTrue(policy.path("DefaultTTL").asLong() >= 86400, "a day when S3 sends no Cache-Control");
            JsonNode key = policy.path("ParametersInCacheKeyAndForwardedToOrigin");
            assertEquals("none", key.path("QueryStringsConfig").path("QueryStringBehavior").asText());
            assertEquals("none", key.path("HeadersConfig").path("HeaderBehavior").asText(), "Range and the rest stay out of the key");
            assertEquals("none", key.path("CookiesConfig").path("CookieBehavior").asText());
            assertFalse(key.path("EnableAcceptEncodingGzip").asBoolean() || key.path("EnableAcceptEncodingBrotli").asBoolean(),
                    "images and MP4 are compressed already: no entry per encoding");
            assertFalse(open.path("Compress").asBoolean());

            JsonNode headers = resources.get(single(DeployedTemplate.references(open.path("ResponseHeadersPolicyId"))))
                    .path("Properties").path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
            assertTrue(headers.path("ContentTypeOptions").path("Override").asBoolean(), name + ": X-Content-Type-Options: nosniff");
            assertTrue(headers.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt() >= 31536000, "HSTS");

            JsonNode bucketPolicy = resources.values().stream()
                    .filter(r -> r.path("Type").asText().equals("AWS::S3::BucketPolicy"))
                    .filter(r -> DeployedTemplate.references(r.path("Properties").path("Bucket")).contains("VideoBucket"))
                    .findFirst().orElseThrow();
            List<String> readable = new ArrayList<>();
            for (JsonNode statement : bucketPolicy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow")) {
                    assertEquals("cloudfront.amazonaws.com", statement.path("Principal").path("Service").asText());
                    assertEquals(List.of("s3:GetObject"), texts(statement.path("Action")));
                    Set<String> named = new TreeSet<>(DeployedTemplate.references(statement.path("Condition").path("StringEquals").path("AWS:SourceArn")));
                    named.removeIf(n -> n.startsWith("AWS::"));
                    assertEquals(Set.of("VideoDistribution"), named, name + ": only the video distribution");
                    for (JsonNode resource : statement.path("Resource")) {
                        readable.add(resource.path("Fn::Sub").asText());
                    }
                }
            }
            assertEquals(List.of("${VideoBucket.Arn}/videos/*", "${VideoBucket.Arn}/public/*"), readable, name + ": what the distribution may read");
        });
    }

    /**
     * The video functions build poster and preview URLs on VIDEOS_PUBLIC_BASE_URL: the video
     * distribution's https URL with CloudFront, empty without (S3 presigned GETs then); and the
     * portal's CSP lets pages load images and media from that same host.
     */
    @Test
    void theVideoFunctionsKnowThePublicBaseAndThePortalsCspAllowsIt() {
        Set<String> expected = Set.of("CreateVideoFunction", "PublishVideoFunction", "ListVideosFunction", "GetVideoFunction");
        deployments.forEach((name, deployment) -> {
            boolean cloudFront = deployment.resources().containsKey("VideoDistribution");
            Set<String> having = new TreeSet<>();
            for (DeployedTemplate.Function function : deployment.functions()) {
                JsonNode base = function.environment().get("VIDEOS_PUBLIC_BASE_URL");
                if (base == null) {
                    continue;
                }
                having.add(function.logicalId());
                if (cloudFront) {
                    assertEquals("https://${VideoDistribution.DomainName}", base.path("Fn::Sub").asText(), name + ": " + function.logicalId());
                } else {
                    assertEquals("", base.asText("missing"), name + ": " + function.logicalId() + " without CloudFront");
                }
            }
            assertEquals(expected, having, name + ": the functions that answer with poster or preview URLs");
            JsonNode csp = deployment.resources().get("PortalHeadersPolicy").path("Properties").path("ResponseHeadersPolicyConfig")
                    .path("SecurityHeadersConfig").path("ContentSecurityPolicy").path("ContentSecurityPolicy");
            Map<String, String> directives = directives(csp(csp));
            JsonNode videoOrigin = csp.path("Fn::Sub").path(1).path("VideoOrigin");
            for (String directive : List.of("img-src", "media-src")) {
                assertTrue(List.of(directives.get(directive).split(" ")).contains("${VideoOrigin}"), name + ": " + directive);
            }
            assertEquals(cloudFront ? Set.of("VideoDistribution") : Set.of("VideoBucket"), DeployedTemplate.references(videoOrigin),
                    name + ": posters and previews come from " + (cloudFront ? "the video distribution" : "the bucket (presigned)"));
        });
    }

    @Test
    void noApiFunctionDependsOnThePortalDistribution() {
        deployments.forEach((name, deployment) -> {
            Map<String, Set<String>> graph = dependencies(deployment.raw());
            Set<String> apiFunctions = apiFunctions(deployment.raw());
            assertFalse(apiFunctions.isEmpty());
            for (String function : apiFunctions) {
                assertFalse(reachable(graph, function).contains("PortalDistribution"), name + ": " + function
                        + " is an HttpApi route and depends on PortalDistribution, which depends on HttpApi (README, the cycle rule)");
            }
        });
    }

    /** CloudFormation refuses a template whose resources depend on each other in a circle ("Circular dependency between resources"). */
    @Test
    void theTransformedTemplateHasNoDependencyCycle() {
        deployments.forEach((name, deployment) -> assertEquals(List.of(), cycle(dependencies(deployment.raw())), name));
    }

    /** The two checks above, on a template where an API function was given the distribution's id. */
    @Test
    void anApiFunctionThatNamesTheDistributionIsACycle(@TempDir Path copy) throws IOException {
        String template = Files.readString(TemplateTest.ROOT.resolve("template.yaml"));
        String marker = "        ORIGIN_SECRET_ID: !Ref OriginSecret\n";
        assertTrue(template.contains(marker));
        Path changed = copy.resolve("template.yaml");
        Files.writeString(changed, template.replace(marker, marker + "        PORTAL_DISTRIBUTION_ID: !Ref PortalDistribution\n"));
        DeployedTemplate broken = DeployedTemplate.transform(TemplateTest.ROOT, changed,
                TemplateTest.profileParameters(TemplateTest.samconfig(), "prod"));
        List<String> cycle = cycle(dependencies(broken.raw()));
        assertFalse(cycle.isEmpty(), "a Globals variable naming the distribution puts every API function in a cycle");
        assertTrue(cycle.contains("PortalDistribution") && cycle.contains("HttpApi"), cycle.toString());
    }

    // ------------------------------------------------------------------ helpers

    /** Every resource's dependencies: what its properties reference (both branches of every Fn::If) and its DependsOn. */
    static Map<String, Set<String>> dependencies(JsonNode template) {
        JsonNode resources = template.path("Resources");
        Map<String, Set<String>> graph = new TreeMap<>();
        resources.fields().forEachRemaining(r -> {
            Set<String> on = new TreeSet<>(DeployedTemplate.references(r.getValue().path("Properties")));
            JsonNode dependsOn = r.getValue().path("DependsOn");
            if (dependsOn.isTextual()) {
                on.add(dependsOn.asText());
            } else {
                dependsOn.forEach(d -> on.add(d.asText()));
            }
            on.removeIf(d -> !resources.has(d));
            graph.put(r.getKey(), on);
        });
        return graph;
    }

    /** One dependency cycle (its resources in order), or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : path) {
                in |= p.equals(node);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.addLast(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.removeLast();
        state.put(node, 2);
        return List.of();
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            for (String next : graph.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    /** The Lambda functions the HTTP API's routes invoke (through their live alias). */
    private static Set<String> apiFunctions(JsonNode template) {
        JsonNode resources = template.path("Resources");
        Set<String> functions = new TreeSet<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Api")) {
                Deque<String> todo = new ArrayDeque<>(DeployedTemplate.references(r.getValue().path("Properties").path("Body")));
                Set<String> seen = new HashSet<>();
                while (!todo.isEmpty()) {
                    String referenced = todo.pop();
                    if (!seen.add(referenced)) {
                        continue;
                    }
                    JsonNode resource = resources.path(referenced);
                    switch (resource.path("Type").asText()) {
                        case "AWS::Lambda::Function" -> functions.add(referenced);
                        case "AWS::Lambda::Alias", "AWS::Lambda::Version" ->
                                todo.addAll(DeployedTemplate.references(resource.path("Properties").path("FunctionName")));
                        default -> { }
                    }
                }
            }
        });
        return functions;
    }

    /** The headers (lower case) in the cache key of a behaviour's own cache policy; none for a managed one. */
    private static Set<String> cacheKeyHeaders(Map<String, JsonNode> resources, JsonNode behaviour) {
        JsonNode policyId = behaviour.path("CachePolicyId");
        if (policyId.isTextual()) {
            return Set.of();
        }
        JsonNode policy = resources.get(single(DeployedTemplate.references(policyId)));
        return lowerCase(policy.path("Properties").path("CachePolicyConfig").path("ParametersInCacheKeyAndForwardedToOrigin")
                .path("HeadersConfig").path("Headers"));
    }

    private static Set<String> lowerCase(JsonNode names) {
        Set<String> lower = new TreeSet<>();
        names.forEach(n -> lower.add(n.asText().toLowerCase(java.util.Locale.ROOT)));
        return lower;
    }

    private static String single(Set<String> names) {
        assertEquals(1, names.size(), names.toString());
        return names.iterator().next();
    }

    private static JsonNode origin(JsonNode config, String id) {
        for (JsonNode origin : config.path("Origins")) {
            if (origin.path("Id").asText().equals(id)) {
                return origin;
            }
        }
        throw new AssertionError("no origin " + id);
    }

    private static List<JsonNode> allBehaviours(JsonNode config) {
        List<JsonNode> all = new ArrayList<>(behaviours(config));
        all.add(config.path("DefaultCacheBehavior"));
        return all;
    }

    private static String csp(JsonNode value) {
        JsonNode sub = value.path("Fn::Sub");
        return sub.isArray() ? sub.get(0).asText() : sub.isMissingNode() ? value.asText() : sub.asText();
    }

    private static Map<String, String> directives(String csp) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : csp.split(";")) {
            String[] parts = directive.trim().split("\\s+", 2);
            if (!parts[0].isEmpty()) {
                directives.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return directives;
    }

    /** The strings of a list, or of a single value (an IAM Action may be either). */
    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isValueNode()) {
            out.add(array.asText());
        }
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode rawTemplate() {
        try {
            return new YAMLMapper().readTree(TemplateTest.ROOT.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode declaredParameters() {
        return rawTemplate().path("Parameters");
    }
}
