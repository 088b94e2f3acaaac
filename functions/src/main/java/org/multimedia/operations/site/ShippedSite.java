package org.multimedia.operations.site;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The website as shipped in the deployment package: the classpath folder {@value #FOLDER}
 * (functions/pom.xml copies infrastructure/website there). Read from the jar Lambda runs
 * ({@code lib/functions-lambda.jar}), or from a folder of classes (tests, the local system).
 */
@Singleton
public class ShippedSite {

    static final String FOLDER = "site/";

    public List<SiteFile> files() {
        return read(ShippedSite.class.getClassLoader(), FOLDER);
    }

    static List<SiteFile> read(ClassLoader loader, String folder) {
        URL page = loader.getResource(folder + SiteRelease.INDEX);
        if (page == null) {
            throw new IllegalStateException("No website in the deployment package (classpath " + folder + SiteRelease.INDEX + ")");
        }
        try {
            return switch (page.getProtocol()) {
                case "file" -> fromFolder(Path.of(page.toURI()).getParent());
                case "jar" -> fromJar((JarURLConnection) page.openConnection(), folder);
                default -> throw new IllegalStateException("Cannot list the website at " + page);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SiteFile> fromFolder(Path root) throws IOException {
        List<SiteFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                files.add(new SiteFile(path, Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static List<SiteFile> fromJar(JarURLConnection connection, String folder) throws IOException {
        connection.setUseCaches(false); // our own JarFile, closed here, not the class loader's
        List<SiteFile> files = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith(folder)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.add(new SiteFile(entry.getName().substring(folder.length()), in.readAllBytes()));
                    }
                }
            }
        }
        return files;
    }
}
