package org.multimedia.aws;

import org.multimedia.core.Primed;
import software.amazon.awssdk.core.exception.SdkException;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.mail.MailSettings;
import org.multimedia.mail.Mailer;
import org.multimedia.mail.OutboundEmail;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;

/**
 * Sends through SES v2 (text and HTML parts) from the configured sender. The client is built
 * on the first send, so functions that may mail but usually do not start faster.
 */
@Singleton
public class SesMailer implements Mailer, Primed {

    private final Provider<SesV2Client> ses;
    private final MailSettings settings;

    public SesMailer(Provider<SesV2Client> ses, MailSettings settings) {
        this.ses = ses;
        this.settings = settings;
    }

    @Override
    public void send(OutboundEmail email) {
        AwsCalls.run("SendEmail", () -> ses.get().sendEmail(r -> r
                .fromEmailAddress(settings.sender())
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.simple(m -> m
                        .subject(utf8(email.subject()))
                        .body(b -> b.text(utf8(email.text())).html(utf8(email.html())))))));
    }

    private static Content utf8(String value) {
        return Content.builder().charset("UTF-8").data(value).build();
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
