package org.multimedia.aws;

import org.multimedia.core.Primed;
import software.amazon.awssdk.core.exception.SdkException;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.NewsletterSender;
import org.multimedia.newsletter.NewsletterSenderSettings;
import org.multimedia.newsletter.SendFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.Set;

/**
 * SES v2 {@code SendEmail} with Raw content (the only kind that keeps our List-Unsubscribe
 * headers), from NEWSLETTER_SENDER, with NEWSLETTER_CONFIGURATION_SET so bounces and complaints
 * come back. Its failures are sorted for the send worker: throttled or unavailable (retry),
 * refused (failed), or no answer (in doubt: never sent again).
 */
@Singleton
public class SesNewsletterSender implements NewsletterSender, Primed {

    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "LimitExceededException", "SendingPausedException");

    private final Provider<SesV2Client> ses;
    private final NewsletterSenderSettings settings;

    public SesNewsletterSender(Provider<SesV2Client> ses, NewsletterSenderSettings settings) {
        this.ses = ses;
        this.settings = settings;
    }

    @Override
    public void send(String to, byte[] mime) {
        try {
            ses.get().sendEmail(r -> {
                r.fromEmailAddress(settings.sender())
                        .destination(d -> d.toAddresses(to))
                        .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(mime))));
                if (settings.configurationSet() != null && !settings.configurationSet().isBlank()) {
                    r.configurationSetName(settings.configurationSet());
                }
            });
        } catch (AwsServiceException e) {
            throw classify(e);
        } catch (SdkClientException e) {
            throw new SendFailure(SendFailure.Kind.IN_DOUBT, e.getClass().getSimpleName());
        }
    }

    static SendFailure classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        boolean throttled = (code != null && THROTTLED.contains(code)) || e.statusCode() == 429
                || (message != null && message.contains("Maximum sending rate exceeded"));
        if (throttled || e.statusCode() >= 500) {
            return new SendFailure(SendFailure.Kind.RETRYABLE, code == null ? "HTTP " + e.statusCode() : code);
        }
        return new SendFailure(SendFailure.Kind.PERMANENT, code == null ? "HTTP " + e.statusCode() : code);
    }

    /**
     * Before a snapshot: a GetAccount (sends nothing). Without {@code ses:GetAccount} in the role it is
     * refused, which still loads the client and its request path.
     */
    @Override
    public void prime() {
        try {
            ses.get().getAccount(r -> { });
        } catch (SdkException refusedOrUnsupported) {
            // the client and its request path are loaded either way
        }
    }
}
