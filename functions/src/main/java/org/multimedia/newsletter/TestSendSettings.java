package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code NEWSLETTER_TEST_SENDS_ALLOWED_RECIPIENTS}: addresses a test send may go to besides the
 * marketing group's verified accounts, comma-separated (template parameter
 * {@code MarketingTestRecipients}, empty by default); {@code NEWSLETTER_TEST_SENDS_PER_MEMBER_PER_HOUR}:
 * how many test campaigns one member may create an hour (10).
 */
@ConfigurationProperties("newsletter.test-sends")
public record TestSendSettings(@Nullable String allowedRecipients,
                               @Bindable(defaultValue = "10") int perMemberPerHour) {
}
