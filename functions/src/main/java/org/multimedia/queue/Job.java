package org.multimedia.queue;

/** What one queue message asks a worker to do (its body, as {@link JobCodec} writes it). */
public interface Job {

    /** Whether the message holds everything the worker needs; one that does not is never handled. */
    boolean complete();
}
