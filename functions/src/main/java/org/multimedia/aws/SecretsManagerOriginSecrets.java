package org.multimedia.aws;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.Primed;
import org.multimedia.http.OriginSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The origin secret ({@code ORIGIN_SECRET_ID}): its {@code AWSCURRENT} value and, once it has been
 * rotated, its {@code AWSPREVIOUS} one, read on first use (never at init: a SnapStart snapshot
 * holds no secret) and again after {@link #CACHED_FOR}, so that a new value is accepted within
 * minutes without a new deployment of the functions. Only digests of the values are kept.
 */
@Singleton
public class SecretsManagerOriginSecrets implements OriginSecrets, Primed {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerOriginSecrets.class);

    /** How long values read are used before they are read again. */
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private final Provider<SecretsManagerClient> secrets;
    private final OriginSettings settings;
    private final Clock clock;
    private final AtomicBoolean unsetLogged = new AtomicBoolean();

    private record Values(List<byte[]> digests, Instant readAt) {
    }

    private volatile Values values;

    public SecretsManagerOriginSecrets(Provider<SecretsManagerClient> secrets, OriginSettings settings, Clock clock) {
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean accepts(String presented) {
        if (settings.secretId() == null || settings.secretId().isBlank()) {
            if (unsetLogged.compareAndSet(false, true)) {
                LOG.error("ORIGIN_SECRET_ID is not set: every request is refused");
            }
            return false;
        }
        return OriginSecrets.matchesAny(presented, current().digests());
    }

    private Values current() {
        Values cached = values;
        if (cached != null && clock.instant().isBefore(cached.readAt().plus(CACHED_FOR))) {
            return cached;
        }
        synchronized (this) {
            cached = values;
            Instant now = clock.instant();
            if (cached == null || !now.isBefore(cached.readAt().plus(CACHED_FOR))) {
                cached = new Values(read(), now);
                values = cached;
            }
            return cached;
        }
    }

    private List<byte[]> read() {
        List<String> values = SecretVersions.currentAndPrevious(secrets.get(), settings.secretId());
        if (values.isEmpty()) { // a secret without a current value: nothing to compare with, as any other failure to read it
            LOG.warn("The origin secret has no current version");
            throw DomainException.unavailable();
        }
        return values.stream().map(OriginSecrets::digest).toList();
    }

    /**
     * Before a snapshot: the Secrets Manager client is built (its classes loaded), but the secret
     * is not read; the snapshot holds no value of it, and the first request after a restore reads it.
     */
    @Override
    public void prime() {
        secrets.get();
    }
}
