package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code NEWSLETTER_FEEDBACK_TOPIC_ARN}: the SNS topic SES publishes our newsletter's bounces and
 * complaints to; {@code NEWSLETTER_FEEDBACK_CONFIGURATION_SET}: the configuration set newsletters
 * are sent with. The bounce handler acts only on notifications that carry both (issue 19): both
 * are required, so a function deployed without them fails at start instead of trusting everything.
 */
@ConfigurationProperties("newsletter.feedback")
public record FeedbackSettings(String topicArn, String configurationSet) {
}
