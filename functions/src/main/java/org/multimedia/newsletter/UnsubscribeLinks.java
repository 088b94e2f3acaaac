package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;
import org.multimedia.core.KeyPurpose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Per-recipient unsubscribe links. The token is {@code subscriberId "." signature}: the
 * subscriber id (128 random bits, already base64url, never the address) and the first 16 bytes
 * of HMAC-SHA-256 over {@code "unsubscribe\n" + subscriberId} with the current
 * {@link KeyPurpose#UNSUBSCRIBE_LINKS} key, base64url. It is checked against every key, so a rotation does not break links in mail
 * already delivered (until the key after next). It never expires: RFC 8058 links must keep working.
 */
@Singleton
public final class UnsubscribeLinks {

    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** 128 bits in base64url: 22 characters. */
    private static final Pattern SUBSCRIBER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final HmacKeys keys;
    private final String baseUrl;

    public UnsubscribeLinks(HmacKeys keys, ApiSettings api) {
        this.keys = keys;
        String url = api.url();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code ${API_URL}/newsletter/unsubscribe?token=...} (the token needs no URL encoding). */
    public String url(String subscriberId) {
        return baseUrl + "/newsletter/unsubscribe?token=" + token(subscriberId);
    }

    public String token(String subscriberId) {
        return token(subscriberId, keys.current(KeyPurpose.UNSUBSCRIBE_LINKS));
    }

    /** The subscriber id a token names; {@code 400 invalid_token} when it is not one this API made. */
    public String subscriberId(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0 || !SUBSCRIBER_ID.matcher(token.substring(0, dot)).matches()) {
            throw invalid();
        }
        String subscriberId = token.substring(0, dot);
        // Compared as text, so that no other spelling of the same bytes passes either.
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        if (keys.all(KeyPurpose.UNSUBSCRIBE_LINKS).stream().noneMatch(key ->
                MessageDigest.isEqual(token(subscriberId, key).getBytes(StandardCharsets.UTF_8), given))) {
            throw invalid();
        }
        return subscriberId;
    }

    private static String token(String subscriberId, HmacKeys.Key key) {
        byte[] mac = Arrays.copyOf(HmacSha256.of(key.bytes(), "unsubscribe\n" + subscriberId), SIGNATURE_BYTES);
        return subscriberId + "." + ENCODER.encodeToString(mac);
    }

    public static DomainException invalid() {
        return new DomainException(DomainException.Kind.BAD_REQUEST, "invalid_token",
                "This unsubscribe link is not valid.");
    }
}
