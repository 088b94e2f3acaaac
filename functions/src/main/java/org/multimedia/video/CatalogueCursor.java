package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;
import org.multimedia.core.KeyPurpose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code nextCursor} of the catalogue: the position after which the next page
 * starts, signed with the cursor key ({@link KeyPurpose#CATALOGUE_CURSORS}, the only key the public
 * catalogue function holds) so that a garbage or edited cursor is a clear
 * {@code 400 invalid_request} rather than a query from an arbitrary place (or a 500).
 */
@Singleton
public class CatalogueCursor {

    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final HmacKeys keys;

    public CatalogueCursor(HmacKeys keys) {
        this.keys = keys;
    }

    public String encode(VideoStore.Position position) {
        return encode(position, keys.current(KeyPurpose.CATALOGUE_CURSORS));
    }

    private static String encode(VideoStore.Position position, HmacKeys.Key key) {
        String payload = position.publishedAt().getEpochSecond() + "." + position.id();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(sign(payload, key));
    }

    public Optional<VideoStore.Position> decode(Optional<String> cursor) {
        return cursor.map(this::decode);
    }

    private VideoStore.Position decode(String cursor) {
        VideoStore.Position position;
        try {
            String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                    StandardCharsets.UTF_8);
            int separator = payload.indexOf('.');
            position = new VideoStore.Position(Instant.ofEpochSecond(Long.parseLong(payload.substring(0, separator))),
                    payload.substring(separator + 1));
        } catch (RuntimeException malformed) {
            throw invalid();
        }
        // Compared as text, so that no other spelling of the same bytes passes either; made with
        // the current key or, just after a rotation, the previous one.
        byte[] given = cursor.getBytes(StandardCharsets.UTF_8);
        if (keys.all(KeyPurpose.CATALOGUE_CURSORS).stream().noneMatch(key -> MessageDigest.isEqual(encode(position, key).getBytes(StandardCharsets.UTF_8), given))) {
            throw invalid();
        }
        return position;
    }

    private static byte[] sign(String payload, HmacKeys.Key key) {
        // The signing label keeps its first spelling: another would void every cursor already given out.
        return Arrays.copyOf(HmacSha256.of(key.bytes(), "catalog-cursor\n" + payload), SIGNATURE_BYTES);
    }

    private static DomainException invalid() {
        return DomainException.invalidRequest("'cursor' is not a cursor this API gave out.");
    }
}
