package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Per-recipient unsubscribe links: token = base64url(subscriberId) "." base64url(HMAC-SHA-256(current
 * HmacKeys key, "unsubscribe\n" + subscriberId) first 16 bytes); verified against every key of HmacKeys.
 * (Shared design; the subscriptions part owns it and its verification — this copy only makes links,
 * exactly as the design says, so campaigns can be built and tested before the merge, which keeps theirs.)
 */
@Singleton
public final class UnsubscribeLinks {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HmacKeys keys;
    private final ApiSettings api;

    public UnsubscribeLinks(HmacKeys keys, ApiSettings api) {
        this.keys = keys;
        this.api = api;
    }

    /** {@code ${API_URL}/newsletter/unsubscribe?token=...} */
    public String url(String subscriberId) {
        byte[] mac = HmacSha256.of(keys.current().bytes(), "unsubscribe\n" + subscriberId);
        String token = BASE64URL.encodeToString(subscriberId.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(Arrays.copyOf(mac, 16));
        return api.url().replaceAll("/+$", "") + "/newsletter/unsubscribe?token=" + token;
    }
}
