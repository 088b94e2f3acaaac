package org.multimedia.identity;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The acceptances of the conditions of use (the adapter: DynamoTermsAcceptances), by sub. */
public final class InMemoryTermsAcceptances implements TermsAcceptances {

    public final Map<String, TermsOfUse.Acceptance> accepted = new ConcurrentHashMap<>();

    @Override
    public Optional<TermsOfUse.Acceptance> find(String sub) {
        return Optional.ofNullable(accepted.get(sub));
    }

    @Override
    public void save(String sub, TermsOfUse.Acceptance acceptance) {
        accepted.put(sub, acceptance);
    }

    /** The conditions in force ({@link TermsSettings#DEFAULT_VERSION}, credit "Video: NATO") over this store. */
    public TermsOfUse terms(Clock clock) {
        return new TermsOfUse(new TermsSettings(TermsSettings.DEFAULT_VERSION, "Video: NATO"), this, clock);
    }
}
