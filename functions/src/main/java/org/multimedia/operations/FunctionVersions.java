package org.multimedia.operations;

import java.util.List;
import java.util.Set;

/** The published versions of the stack's functions (Lambda in production): what rollback needs, what can go. */
public interface FunctionVersions {

    /** An alias: the version it points to, and the versions it sends a share of the traffic to (weighted routing). */
    record Alias(String name, String version, Set<String> weightedVersions) {
    }

    /** How a deletion ended: deleted, refused because something still uses the version, or already gone. */
    enum Deletion { DELETED, IN_USE, GONE }

    List<Alias> aliases(String function);

    /** The function's numbered versions ({@code $LATEST} is no published version and never listed). */
    List<String> versions(String function);

    Deletion delete(String function, String version);

    /** Invokes the alias or version asynchronously with the {@link org.multimedia.core.KeepAlive} event. */
    void keepAlive(String function, String qualifier);
}
