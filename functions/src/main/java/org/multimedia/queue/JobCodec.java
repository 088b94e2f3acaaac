package org.multimedia.queue;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one wire format of every queue message: a {@link Job} as a JSON object (the record's
 * fields), written by whoever enqueues it and read back once by the worker's base
 * ({@link JobQueueHandler}). Its failures never quote the body: a body may hold a code.
 */
@Singleton
public class JobCodec {

    private final JsonMapper json;

    public JobCodec(JsonMapper json) {
        this.json = json;
    }

    public String write(Job job) {
        try {
            return new String(json.writeValueAsBytes(job), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Unwritable " + job.getClass().getSimpleName());
        }
    }

    /** The job in the body; throws if it is not JSON of that type or not {@link Job#complete complete}. */
    public <J extends Job> J read(String body, Class<J> type) {
        J job;
        try {
            job = json.readValue(body == null ? "" : body, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName()); // not the parser's message: it quotes the body
        }
        if (job == null || !job.complete()) {
            throw new IllegalArgumentException("Incomplete " + type.getSimpleName());
        }
        return job;
    }
}
