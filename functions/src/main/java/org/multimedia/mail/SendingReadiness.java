package org.multimedia.mail;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the account's sending status once per container, at the first message, and warns when
 * SES would not deliver to everyone: a fresh account is in the sandbox, where every code to an
 * unverified address is refused and ends in the dead-letter queue.
 * <p>
 * At the first message, not at start-up: with SnapStart, start-up and priming run once when the
 * version is published, and every container restored from that snapshot (for weeks) would share
 * the status read then. Read at the first message, the status is the one of the day the mail is
 * sent (production access granted since, or sending paused by SES), in that invocation's log,
 * and once per container. Priming never reaches it (an empty batch has no message). A failure to
 * read is logged and never fails the worker: the status only explains failures, it causes none.
 */
@Singleton
public class SendingReadiness {

    private static final Logger LOG = LoggerFactory.getLogger(SendingReadiness.class);

    private final SendingAccount account;
    private final AtomicBoolean checked = new AtomicBoolean();

    public SendingReadiness(SendingAccount account) {
        this.account = account;
    }

    /** The first call reads the status and logs a warning if needed; later calls do nothing. */
    public void checkOnce() {
        if (!checked.compareAndSet(false, true)) {
            return;
        }
        try {
            SendingAccount.Status status = account.status();
            if (!status.productionAccess()) {
                LOG.warn("SES is in the sandbox in this region: mail reaches verified addresses only, every other code "
                        + "fails and ends in the dead-letter queue. Request production access before going live "
                        + "(README, Deploy). Status: {}", status);
            } else if (!status.canReachEveryone()) {
                LOG.warn("SES sending is disabled or under review in this region: mail may not be sent. Status: {}", status);
            }
        } catch (RuntimeException e) {
            LOG.warn("SES sending status unknown ({}): a sandbox or paused account would go unnoticed", e.getClass().getSimpleName());
        }
    }
}
