package org.multimedia.newsletter;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.KeyPurpose;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnsubscribeLinksTest {

    private static final String SUBSCRIBER = "q83vEjRWeJASNFZ4kKvN7w";
    private final UnsubscribeLinks links = new UnsubscribeLinks(HmacKeys.of("current-key"), new ApiSettings("https://api.example.org/"));

    @Test
    void aLinkNamesTheSubscriberNeverTheAddressAndReadsBack() {
        String url = links.url(SUBSCRIBER);
        assertTrue(url.startsWith("https://api.example.org/newsletter/unsubscribe?token=" + SUBSCRIBER + "."), url);
        String token = url.substring(url.indexOf("token=") + 6);
        assertTrue(token.matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}"), "URL-safe as it is: " + token);
        assertEquals(SUBSCRIBER, links.subscriberId(token));
        assertEquals(token, links.token(SUBSCRIBER), "the same link every time (one per recipient)");
    }

    @Test
    void aTamperedTokenIsInvalid() {
        String token = links.token(SUBSCRIBER);
        char[] chars = token.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '.') {
                continue;
            }
            char[] edited = Arrays.copyOf(chars, chars.length);
            edited[i] = edited[i] == 'A' ? 'B' : 'A';
            assertInvalid(new String(edited));
        }
        for (String garbage : Arrays.asList(null, "", ".", SUBSCRIBER, SUBSCRIBER + ".", token + "=", " " + token,
                "../" + token, token.replace('.', ':'))) {
            assertInvalid(garbage);
        }
    }

    @Test
    void aTokenOfAnotherKeyIsInvalidButThePreviousKeyStillWorks() {
        String beforeRotation = links.token(SUBSCRIBER);
        assertInvalid(new UnsubscribeLinks(HmacKeys.of("someone-elses-key"), new ApiSettings("x")).token(SUBSCRIBER));
        UnsubscribeLinks rotated = new UnsubscribeLinks(HmacKeys.of("new-key", "current-key"), new ApiSettings("x"));
        assertEquals(SUBSCRIBER, rotated.subscriberId(beforeRotation));
        assertFalse(rotated.token(SUBSCRIBER).equals(beforeRotation), "new links use the new key");
        UnsubscribeLinks twiceRotated = new UnsubscribeLinks(HmacKeys.of("newer-key", "new-key"), new ApiSettings("x"));
        assertThrows(DomainException.class, () -> twiceRotated.subscriberId(beforeRotation));
    }

    private void assertInvalid(String token) {
        DomainException e = assertThrows(DomainException.class, () -> links.subscriberId(token), String.valueOf(token));
        assertEquals("invalid_token", e.code());
        assertEquals(DomainException.Kind.BAD_REQUEST, e.kind());
    }

    @Test
    void onlyBase64UrlSubscriberIdsAreAccepted() {
        for (String id : List.of("short", "q83vEjRWeJASNFZ4kKvN7w=", "q83vEjRWeJASNFZ4kKvN/w")) {
            assertInvalid(id + "." + "AAAAAAAAAAAAAAAAAAAAAA");
        }
    }

    /** Issue 19 item 8: links are signed with the unsubscribe key; a function holding another purpose's key cannot make one. */
    @Test
    void linksNeedTheUnsubscribeKeyAndNoOther() {
        UnsubscribeLinks own = new UnsubscribeLinks(HmacKeys.of(KeyPurpose.UNSUBSCRIBE_LINKS, "current-key"), new ApiSettings("x"));
        assertEquals(SUBSCRIBER, own.subscriberId(links.token(SUBSCRIBER)), "the same secret as before the split: links already mailed still work");
        UnsubscribeLinks cursorKeyOnly = new UnsubscribeLinks(HmacKeys.of(KeyPurpose.CATALOGUE_CURSORS, "current-key"), new ApiSettings("x"));
        IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> cursorKeyOnly.token(SUBSCRIBER));
        assertTrue(notHeld.getMessage().contains("UNSUBSCRIBE_LINKS"), notHeld.getMessage());
    }
}
