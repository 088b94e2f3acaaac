package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A response headers policy of a template as the headers CloudFront adds, names and formats as CloudFront's. */
class ResponseHeadersPolicyTest {

    private static final String TEMPLATE = """
            Parameters:
              Edge:
                Type: String
                Default: "false"
            Conditions:
              HasEdge: !Equals [!Ref Edge, "true"]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Policy:
                Type: AWS::CloudFront::ResponseHeadersPolicy
                Properties:
                  ResponseHeadersPolicyConfig:
                    Name: !Sub ${AWS::StackName}-portal
                    SecurityHeadersConfig:
                      ContentSecurityPolicy:
                        ContentSecurityPolicy: !Sub
                          - "default-src 'self'; img-src 'self' ${Origin}"
                          - Origin: !If [HasEdge, cdn.example.org, !GetAtt Bucket.RegionalDomainName]
                        Override: false
                      ContentTypeOptions:
                        Override: true
                      FrameOptions:
                        FrameOption: SAMEORIGIN
                        Override: true
                      ReferrerPolicy:
                        ReferrerPolicy: no-referrer
                        Override: false
                      StrictTransportSecurity:
                        AccessControlMaxAgeSec: 63072000
                        IncludeSubdomains: true
                        Preload: true
                        Override: true
                      XSSProtection:
                        Protection: true
                        ModeBlock: true
                        Override: true
                    CustomHeadersConfig:
                      Items:
                        - Header: Permissions-Policy
                          Value: "camera=()"
                          Override: true
                    RemoveHeadersConfig:
                      Items:
                        - Header: Server
              Inactive:
                Type: AWS::CloudFront::ResponseHeadersPolicy
                Condition: HasEdge
                Properties:
                  ResponseHeadersPolicyConfig:
                    Name: other
            """;

    @Test
    void theHeadersCloudFrontAddsWithTheirOverride() {
        Stack stack = Stack.describe(Template.parse(TEMPLATE), "local", "eu-west-1", Map.of());
        stack.created("Bucket", "local-bucket", Map.of("RegionalDomainName", "127.0.0.1:5000"));
        ResponseHeadersPolicy policy = stack.responseHeadersPolicy("Policy").orElseThrow();
        assertEquals(List.of(
                new ResponseHeadersPolicy.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' 127.0.0.1:5000", false),
                new ResponseHeadersPolicy.Header("X-Content-Type-Options", "nosniff", true),
                new ResponseHeadersPolicy.Header("X-Frame-Options", "SAMEORIGIN", true),
                new ResponseHeadersPolicy.Header("Referrer-Policy", "no-referrer", false),
                new ResponseHeadersPolicy.Header("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload", true),
                new ResponseHeadersPolicy.Header("X-XSS-Protection", "1; mode=block", true),
                new ResponseHeadersPolicy.Header("Permissions-Policy", "camera=()", true)), policy.headers());
        assertEquals(List.of("Server"), policy.removed());
    }

    @Test
    void noPolicyWhenAbsentOfAnotherTypeOrInactive() {
        Stack stack = Stack.describe(Template.parse(TEMPLATE), "local", "eu-west-1", Map.of());
        assertTrue(stack.responseHeadersPolicy("Missing").isEmpty());
        assertTrue(stack.responseHeadersPolicy("Bucket").isEmpty());
        assertTrue(stack.responseHeadersPolicy("Inactive").isEmpty());
    }

    @Test
    void xssProtectionOffIsZero() {
        ResponseHeadersPolicy policy = ResponseHeadersPolicy.of(Map.of("SecurityHeadersConfig",
                Map.of("XSSProtection", Map.of("Protection", false, "Override", true))));
        assertEquals(List.of(new ResponseHeadersPolicy.Header("X-XSS-Protection", "0", true)), policy.headers());
    }
}
