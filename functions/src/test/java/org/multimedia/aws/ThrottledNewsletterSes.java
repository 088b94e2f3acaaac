package org.multimedia.aws;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.NewsletterSender;
import org.multimedia.newsletter.NewsletterSenderSettings;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.lang.reflect.Proxy;

/**
 * Test bean ({@code TEST_SES=throttling}): the real {@link SesNewsletterSender} over an SES client
 * that answers every send as SES does past the sending rate (429, "Maximum sending rate exceeded").
 */
@Singleton
@Replaces(SesNewsletterSender.class)
@Requires(property = "test.ses", value = "throttling")
class ThrottledNewsletterSes implements NewsletterSender {

    private final SesNewsletterSender ses;

    ThrottledNewsletterSes(NewsletterSenderSettings settings) {
        SesV2Client throttled = (SesV2Client) Proxy.newProxyInstance(SesV2Client.class.getClassLoader(),
                new Class<?>[]{SesV2Client.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw TooManyRequestsException.builder().statusCode(429).message("Maximum sending rate exceeded.")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
                                    .errorMessage("Maximum sending rate exceeded.").build())
                            .build();
                });
        this.ses = new SesNewsletterSender(() -> throttled, settings);
    }

    @Override
    public void send(String to, byte[] mime) {
        ses.send(to, mime);
    }
}
