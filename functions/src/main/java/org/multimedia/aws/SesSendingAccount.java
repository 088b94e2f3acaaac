package org.multimedia.aws;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.mail.SendingAccount;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

/** SES v2 GetAccount (ses:GetAccount, an action with no resource type: the role grants it on "*"). */
@Singleton
public class SesSendingAccount implements SendingAccount {

    private final Provider<SesV2Client> ses;

    public SesSendingAccount(Provider<SesV2Client> ses) {
        this.ses = ses;
    }

    @Override
    public Status status() {
        GetAccountResponse account = AwsCalls.guard("GetAccount", () -> ses.get().getAccount(r -> { }));
        return new Status(Boolean.TRUE.equals(account.productionAccessEnabled()), Boolean.TRUE.equals(account.sendingEnabled()),
                account.enforcementStatus());
    }
}
