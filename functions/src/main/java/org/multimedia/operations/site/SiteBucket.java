package org.multimedia.operations.site;

import java.util.List;
import java.util.Optional;

/**
 * The bucket the portal's website is served from (SiteBucket, behind the portal's distribution).
 * The publisher owns everything in it: it writes the site, removes what no page uses any more,
 * and empties it when the stack goes.
 */
public interface SiteBucket {

    /** Stores one object, replacing any object of that key, with the headers visitors get with it. */
    void put(String key, byte[] content, String contentType, String cacheControl);

    /** An object's content; empty when there is no object of that key. */
    Optional<byte[]> get(String key);

    /** Every key in the bucket. */
    List<String> keys();

    /** Deletes one object (a key already gone is no error). */
    void delete(String key);

    /** The bucket does not exist (deleted by hand, or a stack whose bucket was never created). */
    final class Missing extends RuntimeException {
        public Missing(String bucket) {
            super("The site bucket " + bucket + " does not exist");
        }
    }
}
