package org.multimedia.mail;

/** One email to one person: a subject, a plain-text body and the same in HTML. */
public record OutboundEmail(String to, String subject, String text, String html) {
}
