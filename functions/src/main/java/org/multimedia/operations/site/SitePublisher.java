package org.multimedia.operations.site;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a release of the website into its bucket ({@link SiteRelease}), and empties the bucket
 * when the stack goes.
 * <p>
 * A publication stores the hashed files first (those already there are skipped: a name never
 * gets other content), then the files under their own names, then {@code index.html}; then it
 * deletes every object that neither the new page nor the page it replaced names. A visitor who
 * loaded the previous page just before the release still gets the files that page names; the
 * release before that one is gone. Running it again changes nothing: a retry is safe.
 */
@Singleton
public class SitePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SitePublisher.class);

    private final SiteBucket bucket;

    public SitePublisher(SiteBucket bucket) {
        this.bucket = bucket;
    }

    /** What one publication did. */
    public record Publication(String version, int files, List<String> stored, List<String> deleted) {
    }

    public Publication publish(Collection<SiteFile> files) {
        SiteRelease release = SiteRelease.of(files);
        Set<String> existing = new TreeSet<>(bucket.keys());
        Set<String> previousPage = bucket.get(SiteRelease.INDEX)
                .map(page -> SiteRelease.references(new String(page, StandardCharsets.UTF_8)))
                .orElse(Set.of());
        List<String> stored = new ArrayList<>();
        for (SiteRelease.Upload upload : release.uploads()) {
            if (upload.immutable() && existing.contains(upload.key())) {
                continue;
            }
            bucket.put(upload.key(), upload.content(), upload.contentType(), upload.cacheControl());
            stored.add(upload.key());
        }
        Set<String> kept = new TreeSet<>(release.keys());
        kept.addAll(previousPage);
        List<String> deleted = new ArrayList<>();
        for (String key : existing) {
            if (!kept.contains(key)) {
                bucket.delete(key);
                deleted.add(key);
            }
        }
        LOG.info("Site {} published: {} files, stored {}, deleted {}", release.version(), files.size(), stored, deleted);
        return new Publication(release.version(), files.size(), stored, deleted);
    }

    /** Deletes every object (CloudFormation deletes only an empty bucket); returns how many. A bucket already gone is empty. */
    public int empty() {
        List<String> keys;
        try {
            keys = bucket.keys();
        } catch (SiteBucket.Missing gone) {
            LOG.info("The site bucket is gone already: nothing to delete");
            return 0;
        }
        keys.forEach(bucket::delete);
        LOG.info("Site bucket emptied: {} objects deleted", keys.size());
        return keys.size();
    }
}
