package org.multimedia.video;

/**
 * Where publish and unpublish announce that the public catalogue changed (the SQS catalogue
 * changes queue in production; {@code aws.SqsCatalogueChanges}), so that the edge cache forgets
 * the catalogue's pages before their TTL runs out.
 */
public interface CatalogueChanges {

    /** Throws if the change could not be queued (the caller decides what that means). */
    void changed(String videoId);
}
