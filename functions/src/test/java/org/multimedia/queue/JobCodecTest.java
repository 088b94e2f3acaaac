package org.multimedia.queue;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.mail.MailMessage;
import org.multimedia.newsletter.PageJob;
import org.multimedia.newsletter.SendJob;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The one codec of the queues: the bodies are the ones queued before it existed (a deploy finds
 * them in the queues), and a body that cannot be a job is refused without being quoted.
 */
class JobCodecTest {

    private final JobCodec codec = new JobCodec(JsonMapper.createDefault());

    @Test
    void writesTheBodiesTheQueuesAlreadyHold() {
        assertEquals("{\"to\":\"ann@example.com\",\"template\":\"verification\",\"language\":\"fr\",\"values\":{\"code\":\"123456\"}}",
                codec.write(new MailMessage("ann@example.com", "verification", "fr", Map.of("code", "123456"))));
        assertEquals("{\"campaignId\":\"summit-1\",\"email\":\"ann@example.com\",\"subscriberId\":\"s1\",\"language\":\"en\",\"test\":false}",
                codec.write(new SendJob("summit-1", "ann@example.com", "s1", "en", false)));
        assertEquals("{\"campaignId\":\"summit-1\",\"languageIndex\":1,\"cursor\":\"c\",\"page\":3}",
                codec.write(new PageJob("summit-1", 1, "c", 3)));
    }

    @Test
    void readsThemBack() {
        assertEquals(new MailMessage("ann@example.com", "verification", "fr", Map.of("code", "123456")), codec.read(
                "{\"to\":\"ann@example.com\",\"template\":\"verification\",\"language\":\"fr\",\"values\":{\"code\":\"123456\"}}",
                MailMessage.class));
        assertEquals(new SendJob("summit-1", "ann@example.com", null, "en", true), codec.read(
                "{\"campaignId\":\"summit-1\",\"email\":\"ann@example.com\",\"language\":\"en\",\"test\":true}", SendJob.class));
        assertEquals(new PageJob("summit-1", 0, null, 0), codec.read("{\"campaignId\":\"summit-1\"}", PageJob.class));
    }

    @Test
    void refusesWhatIsNoJobWithoutQuotingIt() {
        for (String body : new String[] {"{\"to\":\"ann@example.com\",\"values\":{\"code\":\"123456\"", "", null, "null", "[1]"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.read(body, MailMessage.class));
            assertFalse(refused.getMessage().contains("123456") || refused.getMessage().contains("ann@"), refused.getMessage());
        }
        assertEquals("Incomplete MailMessage", assertThrows(IllegalArgumentException.class, () -> codec.read(
                "{\"to\":\"ann@example.com\",\"template\":\"../../secret\",\"language\":\"en\"}", MailMessage.class)).getMessage());
        assertEquals("Incomplete SendJob", assertThrows(IllegalArgumentException.class, () -> codec.read(
                "{\"campaignId\":\"summit-1\",\"language\":\"en\"}", SendJob.class)).getMessage());
        assertEquals("Incomplete PageJob", assertThrows(IllegalArgumentException.class, () -> codec.read(
                "{\"page\":2}", PageJob.class)).getMessage());
    }
}
