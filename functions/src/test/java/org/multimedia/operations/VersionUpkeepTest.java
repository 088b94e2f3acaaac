package org.multimedia.operations;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily upkeep over an in-memory Lambda. */
class VersionUpkeepTest {

    private final InMemoryFunctionVersions lambda = new InMemoryFunctionVersions();
    private final VersionUpkeep upkeep = new VersionUpkeep(lambda);

    @Test
    void keepsLiveAndPreviousOfEveryFunctionDeletesTheRestAndWakesBoth() {
        for (int i = 0; i < 5; i++) {
            lambda.deploy("signup");
            lambda.deploy("mail");
        }
        VersionUpkeep.Report report = upkeep.run(List.of("signup", "mail"));

        assertEquals(List.of("$LATEST", "4", "5"), lambda.published.get("signup"));
        assertEquals(List.of("$LATEST", "4", "5"), lambda.published.get("mail"));
        assertEquals(6, report.deleted());
        assertEquals(List.of("mail:live", "mail:4", "signup:live", "signup:4"), lambda.keptAlive);
        assertEquals("2 functions, 6 versions deleted, 0 failed", report.summary());
    }

    @Test
    void aVersionLambdaRefusesToDeleteIsSkippedAndTheRestGoesOn() {
        for (int i = 0; i < 5; i++) {
            lambda.deploy("signup");
        }
        lambda.inUse.add("signup:2"); // provisioned concurrency, say
        VersionUpkeep.Report report = upkeep.run(List.of("signup"));

        assertEquals(List.of("$LATEST", "2", "4", "5"), lambda.published.get("signup"));
        VersionUpkeep.Outcome outcome = report.functions().get(0);
        assertEquals(List.of("1", "3"), outcome.deleted());
        assertEquals(List.of("2"), outcome.inUse());
        assertEquals(List.of(), report.failures());
    }

    @Test
    void aVersionAnotherAliasUsesIsKeptAndNeverDeleted() {
        for (int i = 0; i < 5; i++) {
            lambda.deploy("signup");
        }
        lambda.alias("signup", "canary", "4", "2");
        upkeep.run(List.of("signup"));
        assertEquals(List.of("$LATEST", "2", "4", "5"), lambda.published.get("signup"));
        assertTrue(lambda.calls.stream().noneMatch(c -> c.equals("DeleteFunction signup:2")), lambda.calls.toString());
    }

    @Test
    void oneFunctionFailingStopsNoOtherAndTheRunFailsAtTheEnd() {
        for (int i = 0; i < 4; i++) {
            lambda.deploy("a");
            lambda.deploy("b");
            lambda.deploy("c");
        }
        lambda.failing.add("b");
        VersionUpkeep.UpkeepFailed failed = assertThrows(VersionUpkeep.UpkeepFailed.class, () -> upkeep.run(List.of("a", "b", "c")));

        assertTrue(failed.getMessage().contains("b: IllegalStateException"), failed.getMessage());
        assertEquals(List.of("$LATEST", "3", "4"), lambda.published.get("a"));
        assertEquals(List.of("$LATEST", "1", "2", "3", "4"), lambda.published.get("b"));
        assertEquals(List.of("$LATEST", "3", "4"), lambda.published.get("c"));
        assertTrue(lambda.keptAlive.containsAll(List.of("a:live", "c:live")), lambda.keptAlive.toString());
    }

    @Test
    void withoutALiveAliasNothingIsDeletedAndTheRunSaysSo() {
        lambda.publish("fresh");
        lambda.publish("fresh");
        assertThrows(VersionUpkeep.UpkeepFailed.class, () -> upkeep.run(List.of("fresh")));
        assertEquals(List.of("$LATEST", "1", "2"), lambda.published.get("fresh"));
        assertTrue(lambda.calls.stream().noneMatch(c -> c.startsWith("DeleteFunction") || c.startsWith("Invoke")), lambda.calls.toString());
    }

    @Test
    void aVersionPublishedByADeploymentInProgressIsKept() {
        for (int i = 0; i < 3; i++) {
            lambda.deploy("signup");
        }
        lambda.publish("signup"); // 4: published, the alias not moved yet
        upkeep.run(List.of("signup"));
        assertEquals(List.of("$LATEST", "2", "3", "4"), lambda.published.get("signup"));
    }

    @Test
    void aLongBacklogGoesOverSeveralRunsOldestFirst() {
        for (int i = 0; i < 62; i++) { // 60 old versions, live 62, previous 61
            lambda.deploy("signup");
        }
        VersionUpkeep.Outcome first = upkeep.run(List.of("signup")).functions().get(0);
        assertEquals(VersionUpkeep.MAX_DELETIONS, first.deleted().size());
        assertEquals("1", first.deleted().get(0));
        assertEquals(60 - VersionUpkeep.MAX_DELETIONS, first.leftForNextRun());
        assertEquals(List.of("live", "61"), first.keptAlive());
        upkeep.run(List.of("signup"));
        upkeep.run(List.of("signup"));
        assertEquals(List.of("$LATEST", "61", "62"), lambda.published.get("signup"));
    }

    @Test
    void runningTwiceChangesNothingMore() {
        for (int i = 0; i < 4; i++) {
            lambda.deploy("signup");
        }
        upkeep.run(List.of("signup"));
        assertEquals(0, upkeep.run(List.of("signup")).deleted());
        assertEquals(List.of("$LATEST", "3", "4"), lambda.published.get("signup"));
    }
}
