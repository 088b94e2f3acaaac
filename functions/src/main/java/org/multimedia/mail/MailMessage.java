package org.multimedia.mail;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One email waiting in the mail queue: which template, in which language, to whom, with which
 * values (everything the template shows, already resolved: the worker needs no other settings).
 * The values may hold a code: never log a message.
 */
@Serdeable
public record MailMessage(String to, String template, String language, Map<String, String> values) {
}
