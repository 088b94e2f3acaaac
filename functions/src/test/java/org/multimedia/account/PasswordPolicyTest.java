package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(PasswordSettings.defaults());

    @Test
    void acceptsAPasswordThatFollowsEveryRule() {
        assertTrue(policy.violations("Correct-Horse7battery").isEmpty());
        assertTrue(policy.violations("Ab1!Ab1!Ab1!").isEmpty(), "exactly 12 characters is enough");
    }

    @Test
    void listsEveryRuleABadPasswordBreaks() {
        assertEquals(List.of("too_short", "contains_whitespace", "missing_uppercase", "missing_digit", "missing_symbol"),
                policy.violations("ab cd"));
        assertEquals(List.of("missing_lowercase"), policy.violations("ABCDEFGH1234!"));
        assertEquals(List.of("too_short", "missing_uppercase", "missing_lowercase", "missing_digit", "missing_symbol"),
                policy.violations(""));
    }

    @Test
    void refusesEveryKindOfWhitespaceAndOverlongPasswords() {
        assertEquals(List.of("contains_whitespace"), policy.violations("Abcdefgh123!\t"));
        assertEquals(List.of("contains_whitespace"), policy.violations("Abcdefgh123!\u00a0x"));
        String longest = "Aa1!" + "x".repeat(252);
        assertTrue(policy.violations(longest).isEmpty());
        assertEquals(List.of("too_long"), policy.violations(longest + "x"));
    }

    @Test
    void countsOnlyTheSymbolsTheUserPoolCounts() {
        assertEquals(List.of("missing_symbol"), policy.violations("Abcdefgh1234\u00a3"), "£ is not a Cognito symbol");
        assertTrue(policy.violations("Abcdefgh1234^").isEmpty());
    }

    @Test
    void limitsAreConfigurable() {
        PasswordPolicy longer = new PasswordPolicy(new PasswordSettings(16, 64));
        assertEquals(List.of("too_short"), longer.violations("Ab1!Ab1!Ab1!Ab1"));
    }

    @Test
    void weakPasswordIsA400WithTheViolations() {
        DomainException e = assertThrows(DomainException.class, () -> policy.check("short"));
        assertEquals("weak_password", e.code());
        assertEquals(DomainException.Kind.BAD_REQUEST, e.kind());
        assertEquals(List.of("too_short", "missing_uppercase", "missing_digit", "missing_symbol"), e.details().get("violations"));
    }
}
