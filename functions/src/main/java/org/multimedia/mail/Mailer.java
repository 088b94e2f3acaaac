package org.multimedia.mail;

/** Sends email (SES in production). Throws if the message was not accepted for delivery. */
public interface Mailer {
    void send(OutboundEmail email);
}
