package org.multimedia.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which published versions of a function rollback needs. Each deployment publishes a version of
 * every function and CloudFormation never deletes one (SAM gives AWS::Lambda::Version a
 * {@code Retain} policy), while Lambda's code storage is bounded (75 GB a region).
 * <p>
 * Kept: the version the {@code live} alias points to; the one before it (the highest version
 * number below it), the target of a rollback; every version an alias points to or routes traffic
 * to (Lambda refuses to delete those anyway); every version newer than live, because a deployment
 * in progress publishes its version before it moves the alias, and deleting it would fail that
 * deployment (once live has moved past such a version it is old like the others). Deleted: every
 * other numbered version. {@code $LATEST} is no numbered version and is never touched.
 * <p>
 * Pure logic on version numbers (JDK types only: the template tests call it in the built jar to
 * simulate a series of deployments).
 */
public final class RollbackVersions {

    public static final String LIVE = "live";

    private RollbackVersions() {
    }

    /** The version before live: the highest version number below it. */
    public static Optional<String> previous(Collection<String> versions, String live) {
        long liveNumber = Long.parseLong(live);
        return numbered(versions).stream().filter(v -> v < liveNumber).max(Long::compare).map(String::valueOf);
    }

    /**
     * The versions to delete, oldest first.
     *
     * @param versions     the function's published versions ({@code $LATEST} may be among them; it is ignored)
     * @param live         the version the live alias points to
     * @param aliasTargets every version any alias points to or routes traffic to
     */
    public static List<String> deletable(Collection<String> versions, String live, Collection<String> aliasTargets) {
        long liveNumber = Long.parseLong(live);
        Optional<String> previous = previous(versions, live);
        List<String> deletable = new ArrayList<>();
        for (long version : numbered(versions)) {
            String name = String.valueOf(version);
            boolean kept = version >= liveNumber || previous.filter(name::equals).isPresent() || aliasTargets.contains(name);
            if (!kept) {
                deletable.add(name);
            }
        }
        return deletable;
    }

    /** A published version's number ({@code $LATEST}, an alias name or nothing is none). */
    public static boolean isNumbered(String version) {
        return version != null && !version.isEmpty() && version.chars().allMatch(Character::isDigit);
    }

    private static List<Long> numbered(Collection<String> versions) {
        return versions.stream().filter(RollbackVersions::isNumbered).map(Long::parseLong).sorted().distinct().toList();
    }
}
