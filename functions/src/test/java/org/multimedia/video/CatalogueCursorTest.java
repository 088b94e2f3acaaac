package org.multimedia.video;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.KeyPurpose;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CatalogueCursorTest {

    private final CatalogueCursor cursors = new CatalogueCursor(HmacKeys.of("key-one"));
    private final VideoStore.Position position =
            new VideoStore.Position(Instant.parse("2022-06-16T14:30:00Z"), "0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90");

    @Test
    void aCursorGivesBackItsPosition() {
        assertEquals(Optional.of(position), cursors.decode(Optional.of(cursors.encode(position))));
        assertEquals(Optional.empty(), cursors.decode(Optional.empty()));
    }

    @Test
    void aCursorMadeBeforeAKeyRotationStillWorks() {
        String before = cursors.encode(position);
        CatalogueCursor rotated = new CatalogueCursor(HmacKeys.of("key-new", "key-one"));
        assertEquals(Optional.of(position), rotated.decode(Optional.of(before)));
        assertEquals(Optional.of(position), rotated.decode(Optional.of(rotated.encode(position))));
    }

    @Test
    void anEditedForgedOrForeignCursorIsABadRequest() {
        String cursor = cursors.encode(position);
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.'));
        String otherPlace = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1.0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90".getBytes(StandardCharsets.UTF_8));
        CatalogueCursor otherKey = new CatalogueCursor(HmacKeys.of("key-two"));
        for (String bad : new String[]{otherPlace + signature, payload, payload + ".", "garbage", "", ".", "%%%.%%%",
                cursor + "A", otherKey.encode(position)}) {
            DomainException refused = assertThrows(DomainException.class, () -> cursors.decode(Optional.of(bad)), bad);
            assertEquals("invalid_request", refused.code());
        }
    }

    /** Issue 19 item 8: the cursor key is all the public catalogue function holds, and all it needs. */
    @Test
    void aCursorNeedsOnlyTheCursorKeyAndNoOtherPurposesKeySignsOne() {
        CatalogueCursor cursorKeyOnly = new CatalogueCursor(HmacKeys.of(KeyPurpose.CATALOGUE_CURSORS, "cursor-key"));
        assertEquals(Optional.of(position), cursorKeyOnly.decode(Optional.of(cursorKeyOnly.encode(position))));

        CatalogueCursor codeKeyOnly = new CatalogueCursor(HmacKeys.of(KeyPurpose.VERIFICATION_CODES, "cursor-key"));
        IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> codeKeyOnly.encode(position));
        assertEquals(true, notHeld.getMessage().contains("CATALOGUE_CURSORS"), notHeld.getMessage());

        CatalogueCursor separate = new CatalogueCursor(HmacKeys.of(Map.of(KeyPurpose.CATALOGUE_CURSORS, List.of("cursor-key"),
                KeyPurpose.UNSUBSCRIBE_LINKS, List.of("unsubscribe-key"))));
        CatalogueCursor signedWithTheUnsubscribeSecret = new CatalogueCursor(HmacKeys.of(KeyPurpose.CATALOGUE_CURSORS, "unsubscribe-key"));
        assertThrows(DomainException.class, () -> separate.decode(Optional.of(signedWithTheUnsubscribeSecret.encode(position))));
    }
}
