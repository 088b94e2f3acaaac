package org.multimedia.identity;

import org.multimedia.core.DomainException;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address as the portal keys accounts: trimmed, lower-cased, at most 254 characters. */
public record EmailAddress(String value) {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;
    // Deliberately plain: one @, a local part of printable ASCII without whitespace or the
    // characters that need quoting, a dotted domain of letters, digits and hyphens. ASCII only:
    // SES sends to ASCII addresses only, and outside ASCII a look-alike (a zero-width space, a
    // right-to-left mark, a Cyrillic "а") would make a second account that reads like the first.
    // Whether the mailbox exists is proven by the code, not here.
    private static final Pattern SHAPE = Pattern.compile(
            "[\\x21-\\x7E&&[^@\"(),:;<>\\[\\]\\\\]]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    public static EmailAddress parse(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        if (value.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_PART || !SHAPE.matcher(value).matches()) {
            throw new DomainException(DomainException.Kind.BAD_REQUEST, "invalid_email", "Enter a valid email address.");
        }
        return new EmailAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
