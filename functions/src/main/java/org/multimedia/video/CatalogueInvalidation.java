package org.multimedia.video;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Empties the edge cache of the public catalogue after videos were published or unpublished: one
 * invalidation for a whole batch of changes, whatever their number.
 * <p>
 * The paths: {@code GET /videos?...} and {@code GET /videos/{id}} are cached with their query
 * string in the key, and an invalidation path has no query string (it names the path; its only
 * wildcard is a final {@code *}, matching zero or more characters, query strings included). So
 * {@code /videos*} alone covers the list without and with every query ({@code /videos},
 * {@code /videos?limit=..}) and every {@code /videos/{id}} (a change also moves a video in or
 * out of the list pages, so every page is stale anyway): one path per invalidation, whatever the
 * number of videos (a wildcard path is billed as one path).
 */
@Singleton
public class CatalogueInvalidation {

    /** The catalogue's cached paths: the list with any query, and every video. */
    static final List<String> PATHS = List.of("/videos*");

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueInvalidation.class);

    private final EdgeCache edgeCache;
    private final PortalDistributionSettings settings;
    private final AtomicBoolean saidNoDistribution = new AtomicBoolean();

    public CatalogueInvalidation(EdgeCache edgeCache, PortalDistributionSettings settings) {
        this.edgeCache = edgeCache;
        this.settings = settings;
    }

    /**
     * One invalidation for the changed videos; {@code reference} names this batch (a retry of the
     * same batch is the same request). Throws if the edge cache refused: the changes are retried.
     */
    public void invalidate(Collection<String> videoIds, String reference) {
        if (videoIds.isEmpty()) {
            return;
        }
        String distributionId = settings.distributionId();
        if (distributionId == null || distributionId.isBlank()) {
            if (saidNoDistribution.compareAndSet(false, true)) {
                LOG.info("PORTAL_DISTRIBUTION_ID is empty: no edge cache, catalogue changes are not invalidated anywhere");
            }
            return;
        }
        edgeCache.invalidate(distributionId, PATHS, reference);
        LOG.info("Catalogue invalidated at the edge ({}) for {} change(s): {}", PATHS, videoIds.size(),
                new TreeSet<>(videoIds));
    }
}
