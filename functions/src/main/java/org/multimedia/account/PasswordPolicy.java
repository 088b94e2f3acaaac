package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portal's password rule ("at least 12 characters long, no spaces, include upper/lowercase
 * letters, numbers and symbols"), used by sign-up and reset alike. Symbols are the ones the
 * Cognito user pool counts, so a password we accept is never refused by Cognito.
 */
@Singleton
public class PasswordPolicy {

    static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";
    static final String MESSAGE = "The password must be at least 12 characters long, no spaces, "
            + "include upper/lowercase letters, numbers and symbols.";

    private final PasswordSettings settings;

    public PasswordPolicy(PasswordSettings settings) {
        this.settings = settings;
    }

    /** Every rule the password breaks, in a stable order; empty when it is acceptable. */
    public List<String> violations(String password) {
        List<String> violations = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < settings.minLength()) {
            violations.add("too_short");
        }
        if (length > settings.maxLength()) {
            violations.add("too_long");
        }
        if (password.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            violations.add("contains_whitespace");
        }
        if (password.codePoints().noneMatch(Character::isUpperCase)) {
            violations.add("missing_uppercase");
        }
        if (password.codePoints().noneMatch(Character::isLowerCase)) {
            violations.add("missing_lowercase");
        }
        if (password.codePoints().noneMatch(c -> c >= '0' && c <= '9')) {
            violations.add("missing_digit");
        }
        if (password.codePoints().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            violations.add("missing_symbol");
        }
        return violations;
    }

    /** Throws {@code 400 weak_password} listing every violated rule. */
    public void check(String password) {
        List<String> violations = violations(password);
        if (!violations.isEmpty()) {
            throw weak(violations);
        }
    }

    public static DomainException weak(List<String> violations) {
        return new DomainException(DomainException.Kind.BAD_REQUEST, "weak_password", MESSAGE,
                Map.of("violations", List.copyOf(violations)), null);
    }
}
