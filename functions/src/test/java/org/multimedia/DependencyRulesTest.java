package org.multimedia;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.identity.EmailAddress;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which package of the Lambda code may use which, read from the compiled classes (every use
 * counts, not just imports: a fully qualified name is caught too). The features never use each
 * other: what two of them share lives in {@code identity} or {@code core}, or travels through a
 * port. {@code identity} uses no feature. Only {@code aws} uses the AWS SDK, and no feature uses
 * {@code aws} (services depend on their ports).
 */
class DependencyRulesTest {

    private static final List<String> FEATURES = List.of("account", "newsletter", "video", "operations");

    private static JavaClasses classes;

    @BeforeAll
    static void importTheLambdaCode() throws URISyntaxException {
        // The main classes of this module only: the test classpath also holds the emulator's, which use the SDK.
        Path mainClasses = Path.of(EmailAddress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().importPath(mainClasses);
        assertTrue(classes.size() > 150, "imported only " + classes.size() + " classes from " + mainClasses);
    }

    @Test
    void noFeatureUsesAnother() {
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream().filter(other -> !other.equals(feature))
                    .map(other -> "org.multimedia." + other + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage("org.multimedia." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("features share through identity, core or a port, never directly");
            rule.check(classes);
        }
    }

    @Test
    void identityUsesNoFeature() {
        String[] forbidden = Stream.concat(FEATURES.stream(), Stream.of("aws", "http"))
                .map(name -> "org.multimedia." + name + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("org.multimedia.identity..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("every feature may use identity, so it can use none of them")
                .check(classes);
    }

    @Test
    void onlyTheAwsPackageUsesTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("org.multimedia.aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .because("aws/ holds every adapter; the rest is testable with in-memory fakes of its ports")
                .check(classes);
    }

    @Test
    void noFeatureUsesTheAdapters() {
        String[] features = FEATURES.stream().map(name -> "org.multimedia." + name + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(features)
                .should().dependOnClassesThat().resideInAPackage("org.multimedia.aws..")
                .because("services depend on the ports they own; aws/ implements them")
                .check(classes);
    }

    /** The same rules on the import lines of the sources: an import the bytecode does not keep (unused) counts too. */
    @Test
    void noSourceImportsWhatItsPackageMayNotUse() throws IOException {
        Path root = Path.of("src/main/java/org/multimedia");
        Pattern importLine = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
        List<String> forbidden = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().split("[/\\\\]")[0];
                Matcher imported = importLine.matcher(Files.readString(file));
                while (imported.find()) {
                    if (!mayImport(pkg, imported.group(1))) {
                        forbidden.add(root.relativize(file) + ": " + imported.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), forbidden);
    }

    private static boolean mayImport(String pkg, String imported) {
        if (imported.startsWith("software.amazon.awssdk.")) {
            return pkg.equals("aws");
        }
        if (!imported.startsWith("org.multimedia.")) {
            return true;
        }
        String target = imported.substring("org.multimedia.".length()).split("\\.")[0];
        if (pkg.equals("identity")) {
            return !FEATURES.contains(target) && !target.equals("aws") && !target.equals("http");
        }
        if (FEATURES.contains(pkg)) {
            return target.equals(pkg) || !(FEATURES.contains(target) || target.equals("aws"));
        }
        return true;
    }

    /** A class whose package is not its folder would slip another feature's code in under its name. */
    @Test
    void everySourceFileIsInTheFolderOfItsPackage() throws IOException {
        Pattern packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        List<String> misplaced = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher declared = packageLine.matcher(Files.readString(file));
                    String folder = root.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                    if (!declared.find() || !declared.group(1).equals(folder)) {
                        misplaced.add(file.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), misplaced);
    }
}
