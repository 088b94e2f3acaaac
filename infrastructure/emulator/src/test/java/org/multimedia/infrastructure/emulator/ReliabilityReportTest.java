package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests' tables go to a generated file under target/, never to docs/RELIABILITY.md. */
class ReliabilityReportTest {

    @Test
    void theGeneratedFileIsUnderTheModulesTargetNotDocs() {
        Path file = ReliabilityReport.file();
        assertEquals(Path.of("").toAbsolutePath().resolve("target/reliability/RELIABILITY.md"), file);
        assertTrue(!file.startsWith(ReliabilityReport.repositoryRoot().resolve("docs")), file.toString());
    }

    @Test
    void aSectionIsReplacedInPlaceAndTheRestKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.md");
        String before = System.getProperty(ReliabilityReport.FILE_PROPERTY);
        System.setProperty(ReliabilityReport.FILE_PROPERTY, file.toString());
        try {
            ReliabilityReport.section("a", "## A\n\nfirst");
            ReliabilityReport.section("b", "## B\n\nkept");
            ReliabilityReport.section("a", "## A\n\nsecond");
        } finally {
            if (before == null) {
                System.clearProperty(ReliabilityReport.FILE_PROPERTY);
            } else {
                System.setProperty(ReliabilityReport.FILE_PROPERTY, before);
            }
        }
        String text = Files.readString(file);
        assertTrue(text.contains("second") && !text.contains("first") && text.contains("kept"), text);
        assertTrue(text.indexOf("## A") < text.indexOf("## B"), "section a stays where it was");
    }
}
