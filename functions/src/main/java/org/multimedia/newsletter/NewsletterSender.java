package org.multimedia.newsletter;

/** Sends one finished MIME message (SES v2 raw content in production) with the newsletter's sender and configuration set. */
public interface NewsletterSender {

    /** Throws {@link SendFailure} when SES did not accept the message. */
    void send(String to, byte[] mime);
}
