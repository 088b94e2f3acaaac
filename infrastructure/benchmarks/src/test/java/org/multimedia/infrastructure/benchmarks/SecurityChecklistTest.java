package org.multimedia.infrastructure.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/**
 * docs/SECURITY.md keeps the score of the 66-case security checklist: every case has exactly one
 * row, every row a state, a row that holds names at least one test, every test it names
 * ({@code `Class#method`}, optionally linked to its file) is a test method of the repository's test
 * sources, and no row still waits for issue 19 ({@code TODO(issue19)}).
 */
class SecurityChecklistTest {

    static final int CASES = 66;
    static final Set<String> STATES = Set.of("holds", "partly", "not done");
    static final String TODO = "TODO(issue19)";

    /** A table row whose first cell is a case number: | 12 | case | state | proved by | notes |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|(.*)\\|\\s*$");
    /** {@code `Class#method`}, and the file it links to when it is a link: [`Class#method`](../path). */
    private static final Pattern CITATION = Pattern.compile(
            "`([A-Z][A-Za-z0-9_]*)#([A-Za-z_][A-Za-z0-9_]*)`(?:\\]\\(([^)\\s]+)\\))?");
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "^\\s*@(Test|ParameterizedTest|TestFactory|RepeatedTest|TestTemplate)\\b.*");
    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|synchronized)\\s+)*[\\w<>\\[\\]?,. ]+\\s+(\\w+)\\s*\\(.*");
    /** The line under the table: "Score: 45 hold, 17 partly, 4 not done (5, 6, 26, 37)." */
    private static final Pattern SCORE = Pattern.compile(
            "^Score: (\\d+) hold, (\\d+) partly, (\\d+) not done(?: \\(([\\d, ]*)\\))?\\.?\\s*$", Pattern.MULTILINE);
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git");

    private static final Path ROOT = Template.locate().getParent();
    private static final String DOCUMENT = "docs/SECURITY.md";

    @Test
    void everyCaseHasARowWithAStateAndTheTestsItNamesExist() throws IOException {
        List<String> problems = problems(Files.readString(ROOT.resolve(DOCUMENT)), testSources(ROOT));
        assertTrue(problems.isEmpty(), () -> DOCUMENT + ": " + problems.size() + " problem(s):\n  "
                + String.join("\n  ", problems) + "\n");
    }

    @Test
    void aMissingCaseAStatelessRowAMissingTestAWrongLinkAndATodoAreAllReported() {
        Map<String, List<TestSource>> sources = Map.of(
                "CodesTest", List.of(new TestSource("functions/src/test/java/org/x/CodesTest.java", """
                        class CodesTest {
                            @Test
                            void aCodeWorksOnce() {
                                helper();
                            }

                            @ParameterizedTest
                            @ValueSource(strings = {"a", "b"})
                            void oddCodes(String code) {
                            }

                            private void helper() {
                            }
                        }
                        """)));
        StringBuilder document = new StringBuilder("| # | Case | State | Proved by | Notes |\n|---|---|---|---|---|\n");
        for (int n = 1; n <= CASES; n++) {
            String row = switch (n) {
                case 2 -> null; // no row
                case 3 -> "| 3 | a case | | `CodesTest#aCodeWorksOnce` | |";
                case 4 -> "| 4 | a case | holds | — | |";
                case 5 -> "| 5 | a case | holds | `CodesTest#aCodeWorksTwice` `NoSuchTest#x` | |";
                case 6 -> "| 6 | a case | partly | `CodesTest#helper` | |";
                case 7 -> "| 7 | a case | holds | [`CodesTest#oddCodes`](../functions/src/test/java/org/y/CodesTest.java) | |";
                case 8 -> "| 8 | a case | partly | `CodesTest#aCodeWorksOnce` | " + TODO + ": the new test |";
                case 9 -> "| 9 | a case | maybe | [`CodesTest#oddCodes`](../functions/src/test/java/org/x/CodesTest.java) | |";
                default -> "| " + n + " | a case | holds | `CodesTest#aCodeWorksOnce` | |";
            };
            if (row != null) {
                document.append(row).append('\n');
            }
        }
        document.append("| 9 | again | holds | `CodesTest#aCodeWorksOnce` | |\n| 67 | extra | holds | `CodesTest#aCodeWorksOnce` | |\n");
        document.append("\nScore: 61 hold, 2 partly, 1 not done (3).\n");

        assertEquals(List.of(
                "case 2: no row",
                "case 3: no state (holds, partly or not done)",
                "case 4: holds, but names no test",
                "case 5: CodesTest#aCodeWorksTwice: no test method aCodeWorksTwice in functions/src/test/java/org/x/CodesTest.java",
                "case 5: NoSuchTest#x: no NoSuchTest.java under any src/test/java",
                "case 6: CodesTest#helper: no test method helper in functions/src/test/java/org/x/CodesTest.java",
                "case 7: CodesTest#oddCodes links to functions/src/test/java/org/y/CodesTest.java, but the class is functions/src/test/java/org/x/CodesTest.java",
                "case 8: " + TODO + " left: the new test",
                "case 9: state \"maybe\" is not holds, partly or not done",
                "case 9: more than one row",
                "case 67: no such case (1 to 66)",
                "the score says 61 hold, 2 partly, 1 not done; the rows say 61 hold, 2 partly, 0 not done",
                "the score names [3] not done; the rows say []"), problems(document.toString(), sources));
        assertEquals(List.of("no score line (\"Score: N hold, N partly, N not done (cases).\")"),
                problems("| 1 | a | holds | `CodesTest#aCodeWorksOnce` | |", sources).subList(65, 66));
    }

    @Test
    void theSourcesOfEveryModuleAreFoundByTheirSimpleName() throws IOException {
        Map<String, List<TestSource>> sources = testSources(ROOT);
        assertTrue(sources.containsKey("SecurityChecklistTest"), sources.keySet().toString());
        assertTrue(sources.containsKey("VerificationCodesTest"), sources.keySet().toString());
        assertEquals("infrastructure/benchmarks/src/test/java/org/multimedia/infrastructure/benchmarks/SecurityChecklistTest.java",
                sources.get("SecurityChecklistTest").get(0).path());
    }

    /** A test class: its path from the repository's root, and its text. */
    record TestSource(String path, String text) {

        boolean hasTestMethod(String name) {
            boolean annotated = false;
            for (String line : text.split("\n")) {
                if (TEST_ANNOTATION.matcher(line).matches()) {
                    annotated = true;
                    continue;
                }
                Matcher method = METHOD.matcher(line);
                if (method.matches() && !line.trim().startsWith("@") && !line.trim().startsWith("return ")
                        && !line.contains("=")) {
                    if (annotated && method.group(1).equals(name)) {
                        return true;
                    }
                    annotated = false;
                }
            }
            return false;
        }
    }

    static List<String> problems(String document, Map<String, List<TestSource>> sources) {
        Map<Integer, List<String>> rows = new TreeMap<>();
        for (String line : document.split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                rows.computeIfAbsent(Integer.parseInt(row.group(1)), n -> new ArrayList<>()).add(row.group(2));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> byState = new TreeMap<>();
        Set<Integer> cases = new TreeSet<>(rows.keySet());
        for (int n = 1; n <= CASES; n++) {
            cases.add(n);
        }
        for (int n : cases) {
            List<String> found = rows.getOrDefault(n, List.of());
            if (n < 1 || n > CASES) {
                problems.add("case " + n + ": no such case (1 to " + CASES + ")");
                continue;
            }
            if (found.isEmpty()) {
                problems.add("case " + n + ": no row");
                continue;
            }
            problems.addAll(rowProblems(n, found.get(0), sources));
            if (found.size() > 1) {
                problems.add("case " + n + ": more than one row");
            }
            byState.computeIfAbsent(state(found.get(0)), s -> new TreeSet<>()).add(n);
        }
        problems.addAll(scoreProblems(document, byState));
        return problems;
    }

    /** The score line must count the rows of each state, and name the cases not done when it names any. */
    private static List<String> scoreProblems(String document, Map<String, Set<Integer>> byState) {
        Matcher score = SCORE.matcher(document);
        if (!score.find()) {
            return List.of("no score line (\"Score: N hold, N partly, N not done (cases).\")");
        }
        Set<Integer> notDone = byState.getOrDefault("not done", Set.of());
        String counted = byState.getOrDefault("holds", Set.of()).size() + " hold, "
                + byState.getOrDefault("partly", Set.of()).size() + " partly, " + notDone.size() + " not done";
        String said = score.group(1) + " hold, " + score.group(2) + " partly, " + score.group(3) + " not done";
        List<String> problems = new ArrayList<>();
        if (!counted.equals(said)) {
            problems.add("the score says " + said + "; the rows say " + counted);
        }
        if (score.group(4) != null) {
            Set<Integer> named = new TreeSet<>();
            for (String n : score.group(4).split("[,\\s]+")) {
                if (!n.isEmpty()) {
                    named.add(Integer.parseInt(n));
                }
            }
            if (!named.equals(notDone)) {
                problems.add("the score names " + named + " not done; the rows say " + notDone);
            }
        }
        return problems;
    }

    private static String state(String rest) {
        String[] cells = rest.split("\\|", -1);
        return cells.length > 1 ? cells[1].strip() : "";
    }

    /** Cells after the number: case, state, proved by, notes. */
    private static List<String> rowProblems(int n, String rest, Map<String, List<TestSource>> sources) {
        List<String> problems = new ArrayList<>();
        String state = state(rest);
        if (state.isEmpty()) {
            problems.add("case " + n + ": no state (holds, partly or not done)");
        } else if (!STATES.contains(state)) {
            problems.add("case " + n + ": state \"" + state + "\" is not holds, partly or not done");
        }
        Matcher citation = CITATION.matcher(rest);
        int cited = 0;
        while (citation.find()) {
            cited++;
            String type = citation.group(1);
            String method = citation.group(2);
            String name = type + "#" + method;
            List<TestSource> candidates = sources.getOrDefault(type, List.of());
            if (candidates.isEmpty()) {
                problems.add("case " + n + ": " + name + ": no " + type + ".java under any src/test/java");
                continue;
            }
            String link = citation.group(3);
            String target = link == null ? null : Path.of("docs").resolve(link).normalize().toString().replace('\\', '/');
            List<TestSource> linked = candidates.stream().filter(c -> c.path().equals(target)).toList();
            if (target != null && linked.isEmpty()) {
                problems.add("case " + n + ": " + name + " links to " + target + ", but the class is "
                        + candidates.stream().map(TestSource::path).collect(Collectors.joining(" or ")));
                continue;
            }
            List<TestSource> meant = target == null ? candidates : linked;
            if (meant.stream().noneMatch(c -> c.hasTestMethod(method))) {
                problems.add("case " + n + ": " + name + ": no test method " + method + " in "
                        + meant.stream().map(TestSource::path).collect(Collectors.joining(" or ")));
            }
        }
        if ("holds".equals(state) && cited == 0) {
            problems.add("case " + n + ": holds, but names no test");
        }
        int todo = rest.indexOf(TODO);
        if (todo >= 0) {
            String what = rest.substring(todo + TODO.length()).replaceFirst("^[:\\s]+", "");
            int end = what.indexOf('|');
            problems.add("case " + n + ": " + TODO + " left: " + (end < 0 ? what : what.substring(0, end)).strip());
        }
        return problems;
    }

    /** Every .java file under a src/test/java of the repository, by simple class name (build output and .git skipped). */
    static Map<String, List<TestSource>> testSources(Path root) throws IOException {
        Map<String, List<TestSource>> sources = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (path.endsWith(".java") && path.contains("src/test/java/")) {
                    sources.computeIfAbsent(file.getFileName().toString().replaceFirst("\\.java$", ""), n -> new ArrayList<>())
                            .add(new TestSource(path, read(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
