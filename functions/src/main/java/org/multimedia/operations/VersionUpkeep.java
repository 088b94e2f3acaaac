package org.multimedia.operations;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The daily upkeep of the stack's functions (FunctionVersionsFunction, on a schedule): for each
 * function, deletes the published versions rollback does not need ({@link RollbackVersions}), then
 * sends the {@link org.multimedia.core.KeepAlive} event to its live alias and to the version kept
 * for a rollback, so that no SnapStart version goes Inactive.
 * <p>
 * One function's failure never stops the others. A deletion Lambda refuses because something
 * still uses the version is logged and skipped. Any other failure is reported at the end
 * ({@link UpkeepFailed}): the function's errors alarm then tells the operator, and tomorrow's run
 * (or Lambda's retry of the asynchronous invocation) does the rest, since every step is idempotent.
 */
@Singleton
public class VersionUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(VersionUpkeep.class);

    /**
     * Deletions per function and run, oldest first. A stack deployed a hundred times before this
     * function existed holds thousands of old versions: deleting them all in one run would outlast
     * the invocation (and meet Lambda's control-plane rate); the backlog goes over a few days, and
     * a day's deployments never come near it.
     */
    static final int MAX_DELETIONS = 25;

    private final FunctionVersions versions;

    public VersionUpkeep(FunctionVersions versions) {
        this.versions = versions;
    }

    /** What one run did, function by function. */
    public record Report(List<Outcome> functions) {

        public int deleted() {
            return functions.stream().mapToInt(o -> o.deleted().size()).sum();
        }

        public List<String> failures() {
            return functions.stream().filter(o -> o.failure() != null).map(o -> o.function() + ": " + o.failure()).toList();
        }

        public String summary() {
            return functions.size() + " functions, " + deleted() + " versions deleted, " + failures().size() + " failed";
        }
    }

    /**
     * One function's upkeep: its live and previous versions, what was deleted, what was kept
     * because Lambda said it is in use, which qualifiers were kept alive, and what failed.
     */
    public record Outcome(String function, String live, String previous, List<String> deleted, List<String> inUse,
                          List<String> keptAlive, int leftForNextRun, String failure) {
    }

    /** Thrown after every function was seen, when one or more could not be kept up. */
    public static final class UpkeepFailed extends RuntimeException {
        UpkeepFailed(List<String> failures) {
            super("Upkeep failed for " + failures.size() + " function(s): " + failures);
        }
    }

    public Report run(List<String> functions) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String function : new TreeSet<>(functions)) {
            Outcome outcome = upkeep(function);
            outcomes.add(outcome);
            LOG.info("Versions of {}: live {}, previous {}, deleted {}, in use {}, kept alive {}, left for the next run {}{}",
                    function, outcome.live(), outcome.previous(), outcome.deleted(), outcome.inUse(), outcome.keptAlive(),
                    outcome.leftForNextRun(), outcome.failure() == null ? "" : ", failed: " + outcome.failure());
        }
        Report report = new Report(outcomes);
        if (!report.failures().isEmpty()) {
            throw new UpkeepFailed(report.failures());
        }
        return report;
    }

    private Outcome upkeep(String function) {
        String live = null;
        String previous = null;
        List<String> deleted = new ArrayList<>();
        List<String> inUse = new ArrayList<>();
        List<String> keptAlive = new ArrayList<>();
        int left = 0;
        try {
            List<FunctionVersions.Alias> aliases = versions.aliases(function);
            Optional<FunctionVersions.Alias> liveAlias = aliases.stream().filter(a -> a.name().equals(RollbackVersions.LIVE)).findFirst();
            if (liveAlias.isEmpty() || !RollbackVersions.isNumbered(liveAlias.get().version())) {
                // Without a live version there is no telling what a rollback needs: delete nothing.
                return new Outcome(function, null, null, deleted, inUse, keptAlive, 0, "no live alias on a published version");
            }
            live = liveAlias.get().version();
            Set<String> aliasTargets = new TreeSet<>();
            aliases.forEach(a -> {
                aliasTargets.add(a.version());
                aliasTargets.addAll(a.weightedVersions());
            });
            List<String> published = versions.versions(function);
            previous = RollbackVersions.previous(published, live).orElse(null);
            List<String> deletable = RollbackVersions.deletable(published, live, aliasTargets);
            left = Math.max(0, deletable.size() - MAX_DELETIONS);
            for (String version : deletable.subList(0, deletable.size() - left)) {
                switch (versions.delete(function, version)) {
                    case DELETED -> deleted.add(version);
                    case IN_USE -> inUse.add(version);
                    case GONE -> { } // deleted meanwhile (an overlapping run): what was wanted
                }
            }
            versions.keepAlive(function, RollbackVersions.LIVE);
            keptAlive.add(RollbackVersions.LIVE);
            if (previous != null) {
                versions.keepAlive(function, previous);
                keptAlive.add(previous);
            }
            return new Outcome(function, live, previous, deleted, inUse, keptAlive, left, null);
        } catch (RuntimeException e) {
            // The class (and a domain error's code), never an AWS message.
            String failure = e.getClass().getSimpleName() + (e instanceof DomainException d ? " " + d.code() : "");
            return new Outcome(function, live, previous, deleted, inUse, keptAlive, left, failure);
        }
    }
}
