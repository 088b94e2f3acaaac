package org.multimedia.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code MAIL_QUEUE_URL}: the queue the mail worker consumes. */
@ConfigurationProperties("mail.queue")
public record MailQueueSettings(String url) {
}
