package org.multimedia.mail;

/** The account's sending status (SES v2 GetAccount in production). */
public interface SendingAccount {

    /**
     * @param productionAccess  false: the SES sandbox, where mail reaches verified addresses only
     * @param sendingEnabled    false: SES paused the account's sending (or an operator did)
     * @param enforcementStatus HEALTHY, PROBATION or SHUTDOWN (SES's review of bounces and complaints)
     */
    record Status(boolean productionAccess, boolean sendingEnabled, String enforcementStatus) {

        public boolean canReachEveryone() {
            return productionAccess && sendingEnabled && "HEALTHY".equals(enforcementStatus);
        }
    }

    Status status();
}
