package org.multimedia.aws;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.multimedia.mail.MailSettings;
import org.multimedia.mail.Mailer;
import org.multimedia.mail.OutboundEmail;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.lang.reflect.Proxy;

/**
 * Test bean ({@code TEST_SES=throttling}): the real {@link SesMailer} over an SES client that
 * answers every send as SES v2 does when throttled (429 TooManyRequestsException).
 */
@Singleton
@Replaces(SesMailer.class)
@Requires(property = "test.ses", value = "throttling")
class ThrottledSes implements Mailer {

    private final SesMailer ses;

    ThrottledSes(MailSettings settings) {
        SesV2Client throttled = (SesV2Client) Proxy.newProxyInstance(SesV2Client.class.getClassLoader(),
                new Class<?>[]{SesV2Client.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw TooManyRequestsException.builder().statusCode(429).message("Too Many Requests")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
                                    .errorMessage("Too Many Requests").build())
                            .build();
                });
        this.ses = new SesMailer(() -> throttled, settings);
    }

    @Override
    public void send(OutboundEmail email) {
        ses.send(email);
    }
}
