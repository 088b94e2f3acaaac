package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A test that reaches the emulator from the unit lane fails there at once, naming the fix: the
 * fast lane cannot quietly grow a moto dependency (or pass by luck on a machine with moto_server).
 */
class LocalAwsLaneTest {

    @Test
    void theUnitLaneRefusesToStartOrReachTheEmulatorAndSaysWhichNamesTheIntegrationLaneRuns() {
        String before = System.getProperty(LocalAws.LANE_PROPERTY);
        System.setProperty(LocalAws.LANE_PROPERTY, LocalAws.UNIT_LANE);
        try {
            // neither a child moto_server nor an emulator already running at AWS_ENDPOINT_URL
            for (Map<String, String> env : java.util.List.of(Map.<String, String>of(),
                    Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"))) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalAws.start(env));
                assertTrue(refused.getMessage().contains("unit lane")
                        && refused.getMessage().contains("*IntegrationTest"), refused.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty(LocalAws.LANE_PROPERTY);
            } else {
                System.setProperty(LocalAws.LANE_PROPERTY, before);
            }
        }
    }

    @Test
    void theIntegrationLaneAndRunsOutsideMavenMayStartIt() {
        assertDoesNotThrow(() -> LocalAws.refuseInUnitLane("integration"));
        assertDoesNotThrow(() -> LocalAws.refuseInUnitLane(null)); // start-local, the benchmarks, an IDE
    }

    @Test
    void theBuildRunsThisClassInTheUnitLane() {
        // Surefire's configuration in the root pom.xml sets the lane; without it the guard above guards nothing.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("surefire.test.class.path") != null,
                "run outside Maven");
        assertTrue(LocalAws.UNIT_LANE.equals(System.getProperty(LocalAws.LANE_PROPERTY)),
                "multimedia.test.lane=" + System.getProperty(LocalAws.LANE_PROPERTY));
    }
}
