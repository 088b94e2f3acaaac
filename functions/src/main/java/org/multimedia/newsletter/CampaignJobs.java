package org.multimedia.newsletter;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads and writes the queue messages (JSON) of the campaign workers. */
@Singleton
public class CampaignJobs {

    private final JsonMapper json;

    public CampaignJobs(JsonMapper json) {
        this.json = json;
    }

    public String write(Object job) {
        try {
            return new String(json.writeValueAsBytes(job), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Unwritable campaign job");
        }
    }

    public <T> T read(String body, Class<T> type) {
        T job;
        try {
            job = json.readValue(body == null ? "" : body, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable campaign job"); // not the parser's message: it quotes the body
        }
        if (job == null) {
            throw new IllegalArgumentException("Empty campaign job");
        }
        return job;
    }
}
