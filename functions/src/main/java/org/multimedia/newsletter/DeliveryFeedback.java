package org.multimedia.newsletter;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What SES tells about newsletter mail (configuration set {@code NewsletterConfigurationSet} →
 * SNS → here): a permanent bounce or a complaint puts each recipient on the suppression list and
 * ends its subscription; a transient (or undetermined) bounce is only counted (a metric), since
 * the mailbox may accept the next one. Addresses appear in logs only as keyed pseudonyms
 * ({@link AuthEvents#pseudonym}).
 * <p>
 * Only our own notifications count (issue 19): from our topic ({@link FeedbackSettings#topicArn},
 * the SNS record's {@code TopicArn}) about mail sent with our configuration set (the
 * {@code ses:configuration-set} tag SES puts in {@code mail.tags} of every event it publishes).
 * Anything else — another topic subscribed to the function, a direct invocation, SES feedback on
 * other mail — would let whoever sends it suppress any address and end its subscription: it is
 * logged (message id and topic, never its content) and counted (metric {@value #FOREIGN}), and
 * changes nothing.
 */
@Singleton
public class DeliveryFeedback {

    /** Metrics (CloudWatch embedded format). */
    static final String TRANSIENT_BOUNCE = "NewsletterTransientBounce";
    static final String SUPPRESSED = "NewsletterAddressSuppressed";
    static final String MALFORMED = "NewsletterFeedbackMalformed";
    static final String FOREIGN = "NewsletterFeedbackForeign";
    /** The tag SES adds to the events of mail sent with a configuration set: its name. */
    static final String CONFIGURATION_SET_TAG = "ses:configuration-set";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFeedback.class);

    private final JsonMapper json;
    private final Suppressions suppressions;
    private final MailingList list;
    private final AuthEvents events;
    private final FeedbackSettings ours;

    public DeliveryFeedback(JsonMapper json, Suppressions suppressions, MailingList list, AuthEvents events,
                            FeedbackSettings ours) {
        this.json = json;
        this.suppressions = suppressions;
        this.list = list;
        this.events = events;
        this.ours = ours;
    }

    /**
     * One SES notification (the SNS message). A message that cannot be read is logged (its id,
     * never its content) and dropped: retrying it would fail the same way. A failure to write
     * (DynamoDB unavailable) throws, so that Lambda retries the event and then sends it to the
     * function's dead-letter queue. {@code topicArn}: the topic SNS delivered it from.
     */
    public void handle(String messageId, String topicArn, String message) {
        if (topicArn == null || !topicArn.equals(ours.topicArn())) {
            foreign(messageId, "its topic is not ours", topicArn);
            return;
        }
        JsonNode notification;
        try {
            notification = json.readValue(message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8),
                    Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            notification = null;
        }
        if (notification == null || !notification.isObject()) {
            malformed(messageId, "not a JSON object");
            return;
        }
        if (!sentWithOurConfigurationSet(notification)) {
            foreign(messageId, "it is not about mail of our configuration set", topicArn);
            return;
        }
        String type = text(notification, "eventType");
        if (type == null) {
            type = text(notification, "notificationType"); // identity notifications name it so
        }
        if ("Bounce".equals(type)) {
            JsonNode bounce = notification.get("bounce");
            if (bounce == null || !bounce.isObject()) {
                malformed(messageId, "bounce without details");
                return;
            }
            List<EmailAddress> recipients = recipients(messageId, bounce.get("bouncedRecipients"));
            if ("Permanent".equals(text(bounce, "bounceType"))) {
                suppress(recipients, Suppressions.BOUNCE, text(bounce, "feedbackId"));
            } else {
                for (EmailAddress recipient : recipients) {
                    events.record("newsletter_bounce", "transient", recipient);
                    events.metric(TRANSIENT_BOUNCE);
                }
            }
        } else if ("Complaint".equals(type)) {
            JsonNode complaint = notification.get("complaint");
            if (complaint == null || !complaint.isObject()) {
                malformed(messageId, "complaint without details");
                return;
            }
            suppress(recipients(messageId, complaint.get("complainedRecipients")), Suppressions.COMPLAINT,
                    text(complaint, "feedbackId"));
        } else {
            // Delivery, Send, Open... if the configuration set is ever widened: nothing to do.
            LOG.info("SES notification {} of type {} ignored", messageId, type == null ? "(none)" : type);
        }
    }

    private void suppress(List<EmailAddress> recipients, String reason, String feedbackId) {
        for (EmailAddress recipient : recipients) {
            suppressions.suppress(recipient.value(), reason, feedbackId);
            list.unsubscribe(recipient);
            events.record("newsletter_suppressed", reason, recipient);
            events.metric(SUPPRESSED);
        }
    }

    private List<EmailAddress> recipients(String messageId, JsonNode array) {
        List<EmailAddress> recipients = new ArrayList<>();
        if (array == null || !array.isArray()) {
            malformed(messageId, "no recipients");
            return recipients;
        }
        for (JsonNode recipient : array.values()) {
            String address = recipient.isObject() ? text(recipient, "emailAddress") : null;
            try {
                recipients.add(EmailAddress.parse(address));
            } catch (DomainException notAnAddress) {
                LOG.warn("SES notification {}: recipient {} is not an address we keep", messageId,
                        events.pseudonym(String.valueOf(address)));
            }
        }
        return recipients;
    }

    /** {@code mail.tags["ses:configuration-set"]} names our configuration set. */
    private boolean sentWithOurConfigurationSet(JsonNode notification) {
        JsonNode mail = notification.get("mail");
        JsonNode tags = mail != null && mail.isObject() ? mail.get("tags") : null;
        JsonNode sets = tags != null && tags.isObject() ? tags.get(CONFIGURATION_SET_TAG) : null;
        if (sets == null || !sets.isArray()) {
            return false;
        }
        for (JsonNode set : sets.values()) {
            if (set.isString() && set.getStringValue().equals(ours.configurationSet())) {
                return true;
            }
        }
        return false;
    }

    private void foreign(String messageId, String why, String topicArn) {
        LOG.warn("SES notification {} (topic {}) ignored: {}", messageId, topicArn == null ? "(none)" : topicArn, why);
        events.metric(FOREIGN);
    }

    private void malformed(String messageId, String why) {
        LOG.warn("SES notification {} dropped: {}", messageId, why);
        events.metric(MALFORMED);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
