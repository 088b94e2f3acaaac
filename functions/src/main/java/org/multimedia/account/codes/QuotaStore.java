package org.multimedia.account.codes;

import java.time.Instant;
import java.util.Optional;

/** Where send quotas are kept, with optimistic concurrency on {@link SendQuota.State#version()}. */
public interface QuotaStore {

    Optional<SendQuota.State> find(String key);

    /**
     * Saves the state if the stored version is still {@code state.version() - 1} (or absent for
     * version 1); false when another request saved first.
     */
    boolean save(String key, SendQuota.State state, Instant forgetAfter);
}
