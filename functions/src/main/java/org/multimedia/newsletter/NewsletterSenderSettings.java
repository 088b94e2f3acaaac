package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code NEWSLETTER_SENDER}: the newsletter's own SES identity (never the account sender);
 * {@code NEWSLETTER_CONFIGURATION_SET}: the SES configuration set whose events bring bounces and
 * complaints back.
 */
@ConfigurationProperties("newsletter")
public record NewsletterSenderSettings(String sender, @Nullable String configurationSet) {
}
