package org.multimedia.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The origin secret: the value the portal's CloudFront distribution adds to every request it
 * sends to the API (header {@value #HEADER}). A request without it did not come through the
 * distribution (and its web ACL): someone called the API's own endpoint. {@link HttpExchange}
 * refuses such a request ({@code 403 forbidden}) before anything else.
 * <p>
 * Both the secret's current and previous values are accepted: rotating it (a new value, then a
 * deployment so that CloudFront sends it) refuses nothing while CloudFront's edge locations
 * change over.
 */
public interface OriginSecrets {

    /** The header CloudFront adds (its name is compared case-insensitively, as HTTP header names are). */
    String HEADER = "X-Origin-Verify";

    /** Whether {@code presented}, the header's value, is the secret's current or previous value. */
    boolean accepts(String presented);

    /** Fixed values, the current one first (tests, tools). */
    static OriginSecrets of(String current, String... previous) {
        List<byte[]> digests = new ArrayList<>();
        digests.add(digest(current));
        for (String value : previous) {
            digests.add(digest(value));
        }
        List<byte[]> values = List.copyOf(digests);
        return presented -> matchesAny(presented, values);
    }

    /**
     * Whether the value's digest is one of {@code digests}, in constant time: digests of one
     * length compared byte by byte without stopping early, every one of them, so that how long
     * the answer takes says nothing about the secret (not even its length).
     */
    static boolean matchesAny(String presented, List<byte[]> digests) {
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(candidate, digest);
        }
        return match;
    }

    /** SHA-256 of the value's UTF-8 bytes: what is kept and compared, never the value itself. */
    static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
