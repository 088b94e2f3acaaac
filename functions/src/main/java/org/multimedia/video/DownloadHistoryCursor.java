package org.multimedia.video;

import org.multimedia.core.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code nextCursor} of a member's download history: the position (a download id) in the
 * caller's own history, base64url. It needs no signature: it can only point within the
 * partition of the caller the token names; anything but a download id is {@code 400}.
 */
final class DownloadHistoryCursor {

    /** {@code 2026-12-04T17:50:48.123Z#0a1b2c3d4e5f}: the time of the download and a random suffix. */
    private static final Pattern POSITION = Pattern.compile("[0-9T:.Z-]{20,30}#[0-9a-f]{12}");

    private DownloadHistoryCursor() {
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (POSITION.matcher(position).matches()) {
                return position;
            }
        } catch (IllegalArgumentException malformed) {
            // below
        }
        throw DomainException.invalidRequest("'cursor' is not one this list gave.");
    }
}
