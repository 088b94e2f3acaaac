package org.multimedia.identity;

import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.testing.MutableClock;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditions of use: what the deployed version shows, and what accepting it takes. */
class TermsOfUseTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00.250Z"));
    private final InMemoryTermsAcceptances acceptances = new InMemoryTermsAcceptances();
    private final TermsOfUse terms = acceptances.terms(clock);

    /** A deploy with the template's default version finds its texts; the template allows what the API accepts. */
    @Test
    void theTemplatesDefaultVersionShipsItsTextsInBothLanguages() throws Exception {
        Map<String, Object> parameter = Template.load(Template.locate()).parameters().get("TermsVersion");
        assertEquals(TermsSettings.DEFAULT_VERSION, parameter.get("Default"));
        assertEquals("^" + TermsSettings.VERSION.pattern() + "$", parameter.get("AllowedPattern"));
        TermsOfUse.Terms current = terms.current();
        assertTrue(current.text().en().startsWith("Conditions of use"), current.text().en());
        assertTrue(current.text().fr().startsWith("Conditions d'utilisation"), current.text().fr());
        assertTrue(current.text().fr().contains("Video: NATO"), "the French text names the credit line as shown");
        assertEquals("Video: NATO", current.credit());
    }

    @Test
    void acceptingRecordsTheVersionInForceAndWhenToTheSecondAndAnotherVersionIsNotAccepted() {
        assertTrue(terms.accept("sub-ada", "2020-01-01").isEmpty());
        assertTrue(terms.accepted("sub-ada").isEmpty(), "nothing written");
        assertEquals(new TermsOfUse.Acceptance(TermsSettings.DEFAULT_VERSION, "2026-12-04T18:00:00Z"),
                terms.accept("sub-ada", TermsSettings.DEFAULT_VERSION).orElseThrow());
        assertTrue(terms.acceptedCurrent("sub-ada"));

        TermsOfUse newer = new TermsOfUse(new TermsSettings("2027-01-01", "Video: NATO"), acceptances, clock);
        assertTrue(!newer.acceptedCurrent("sub-ada"), "a new version asks again");
        assertEquals(TermsSettings.DEFAULT_VERSION, newer.accepted("sub-ada").orElseThrow().version(), "what was accepted stays shown");
    }
}
