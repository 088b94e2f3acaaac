package org.multimedia.operations;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pruning rule alone: which versions rollback needs, over a series of deployments. */
class RollbackVersionsTest {

    @Test
    void keepsLiveAndTheVersionBeforeItAndDeletesTheOlderOnesOldestFirst() {
        List<String> versions = List.of("$LATEST", "1", "2", "3", "4", "5");
        assertEquals(List.of("1", "2", "3"), RollbackVersions.deletable(versions, "5", Set.of("5")));
        assertEquals(Optional.of("4"), RollbackVersions.previous(versions, "5"));
    }

    @Test
    void thePreviousVersionIsTheHighestNumberBelowLiveNotTheNextOneDown() {
        // 6 and 7 were deleted earlier: the version before 8 is 5
        List<String> versions = List.of("$LATEST", "2", "5", "8");
        assertEquals(Optional.of("5"), RollbackVersions.previous(versions, "8"));
        assertEquals(List.of("2"), RollbackVersions.deletable(versions, "8", Set.of("8")));
        // numbers, not text: 10 comes after 9
        assertEquals(List.of("8"), RollbackVersions.deletable(List.of("8", "9", "10"), "10", Set.of("10")));
    }

    @Test
    void neverLatestNorAVersionAnAliasUsesNorOneNewerThanLive() {
        List<String> versions = List.of("$LATEST", "1", "2", "3", "4", "5", "6", "7");
        // alias "beta" on 2, a weighted route to 3; 7 is published by a deployment that has not moved live yet
        List<String> deletable = RollbackVersions.deletable(versions, "6", Set.of("6", "2", "3"));
        assertEquals(List.of("1", "4"), deletable);
        assertTrue(!deletable.contains("$LATEST") && !deletable.contains("7"));
    }

    @Test
    void theFirstVersionHasNoPreviousAndNothingIsDeleted() {
        assertEquals(Optional.empty(), RollbackVersions.previous(List.of("$LATEST", "1"), "1"));
        assertEquals(List.of(), RollbackVersions.deletable(List.of("$LATEST", "1"), "1", Set.of("1")));
    }

    /**
     * A hundred deployments, the upkeep running after each third one: never more than the live
     * version, the one before it and what was published since the last run; a rollback target
     * always there; and one failed deployment (its version published, live not moved) leaves
     * nothing behind for good.
     */
    @Test
    void aSeriesOfDeploymentsKeepsWhatRollbackNeedsAndNoMore() {
        List<String> published = new ArrayList<>(List.of("$LATEST"));
        int next = 1;
        String live = null;
        int sinceRun = 0;
        for (int deployment = 1; deployment <= 100; deployment++) {
            String version = String.valueOf(next++);
            published.add(version);
            boolean fails = deployment == 40; // published, then rolled back: live stays, the version is retained
            if (!fails) {
                live = version;
            }
            sinceRun++;
            if (deployment % 3 == 0) {
                String current = live;
                published.removeAll(RollbackVersions.deletable(published, current, Set.of(current)));
                sinceRun = 0;
                assertTrue(published.contains(current), "live is kept");
                if (deployment > 1) {
                    assertTrue(RollbackVersions.previous(published, current).isPresent(), "a rollback target after deployment " + deployment);
                }
                assertTrue(published.size() <= 1 + 2 + 1, "after deployment " + deployment + ": " + published);
            }
            assertTrue(published.size() <= 1 + 2 + sinceRun + 1, "between runs: " + published);
        }
        assertEquals(List.of("$LATEST", "98", "99"), published.subList(0, 3));
        assertEquals("100", live);
    }
}
