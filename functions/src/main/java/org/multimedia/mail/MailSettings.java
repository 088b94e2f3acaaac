package org.multimedia.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code MAIL_SENDER}: the verified address mail is sent from. */
@ConfigurationProperties("mail")
public record MailSettings(String sender) {
}
