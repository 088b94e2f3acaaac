package org.multimedia.mail;

/**
 * Where the API functions leave email for the mail worker (the mail queue in production). An
 * accepted message is delivered, retried or dead-lettered there; the caller never waits on SES.
 * Throws if the message was not accepted.
 */
public interface MailOutbox {
    void enqueue(MailMessage message);
}
