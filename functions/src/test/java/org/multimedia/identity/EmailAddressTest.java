package org.multimedia.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multimedia.core.DomainException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmailAddressTest {

    @Test
    void trimsAndLowerCases() {
        assertEquals("alice.b+news@example.co.uk", EmailAddress.parse("  Alice.B+News@Example.CO.uk \n").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "alice@", "@example.com", "alice@example", "a b@example.com",
            "alice@@example.com", "alice@exa_mple.com", "alice@-example.com", "<alice>@example.com"})
    void refusesMalformedAddresses(String raw) {
        DomainException e = assertThrows(DomainException.class, () -> EmailAddress.parse(raw));
        assertEquals("invalid_email", e.code());
    }

    @Test
    void refusesAddressesOver254Characters() {
        String domain = "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(40) + ".com";
        String ok = "a".repeat(254 - domain.length() - 1) + "@" + domain;
        assertEquals(254, ok.length());
        assertEquals(ok, EmailAddress.parse(ok).value());
        assertThrows(DomainException.class, () -> EmailAddress.parse("a" + ok));
        assertThrows(DomainException.class, () -> EmailAddress.parse(null));
    }
}
