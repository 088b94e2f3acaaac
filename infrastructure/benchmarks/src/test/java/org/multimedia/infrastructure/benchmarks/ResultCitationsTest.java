package org.multimedia.infrastructure.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/**
 * infrastructure/benchmarks/results/ holds the runs a document cites, and only those: every run a
 * document names (performance-2026-11-29-203321, results/levers-2026-11-29-200154.md, ...) is there,
 * and every file there belongs to a run a document names (a run is cited for all its files: the
 * .json, .md and .png of one run share its name).
 */
class ResultCitationsTest {

    /** A run's name: what the benchmark writes, NAME-yyyy-MM-dd-HHmmss, with an optional extension. */
    private static final Pattern RUN = Pattern.compile("\\b([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-\\d{4}-\\d{2}-\\d{2}-\\d{6})(?:\\.(?:json|md|png))?\\b");

    private static final Path ROOT = Template.locate().getParent();
    private static final Path RESULTS = ROOT.resolve("infrastructure/benchmarks/results");

    @Test
    void everyCitedRunIsCommittedAndEveryCommittedRunIsCited() throws IOException {
        Map<String, String> documents = documents();
        assertFalse(documents.isEmpty());
        assertEquals(List.of(), problems(documents, committed()));
    }

    @Test
    void aMissingRunAndAnUncitedFileAreBothReported() {
        List<String> problems = problems(
                Map.of("docs/PERFORMANCE.md", "The reference run: `results/performance-2026-11-29-203321.md` and smoke-2026-11-29-204047."),
                Set.of("performance-2026-11-29-203321.md", "performance-2026-11-29-203321.png", "levers-2026-11-29-200154.json"));
        assertEquals(List.of(
                "docs/PERFORMANCE.md cites smoke-2026-11-29-204047: no such file in infrastructure/benchmarks/results/",
                "infrastructure/benchmarks/results/levers-2026-11-29-200154.json is cited by no document"), problems);
    }

    static List<String> problems(Map<String, String> documents, Set<String> files) {
        List<String> problems = new ArrayList<>();
        Set<String> cited = new TreeSet<>();
        documents.forEach((name, text) -> {
            Matcher m = RUN.matcher(text);
            Set<String> runs = new TreeSet<>();
            while (m.find()) {
                runs.add(m.group(1));
            }
            for (String run : runs) {
                cited.add(run);
                if (files.stream().noneMatch(f -> runOf(f).equals(run))) {
                    problems.add(name + " cites " + run + ": no such file in infrastructure/benchmarks/results/");
                }
            }
        });
        new TreeSet<>(files).stream().filter(f -> !cited.contains(runOf(f)))
                .forEach(f -> problems.add("infrastructure/benchmarks/results/" + f + " is cited by no document"));
        return problems;
    }

    private static String runOf(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /** README.md, docs/*.md and this folder's README.md, by path from the repository's root. */
    private static Map<String, String> documents() throws IOException {
        Map<String, String> documents = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("infrastructure/benchmarks/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(paths::add);
        }
        for (Path path : paths) {
            documents.put(ROOT.relativize(path).toString(), Files.readString(path));
        }
        return documents;
    }

    private static Set<String> committed() throws IOException {
        if (!Files.isDirectory(RESULTS)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(RESULTS)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
