package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import org.multimedia.video.Catalogue;
import org.multimedia.video.CreatedVideo;
import org.multimedia.video.NewVideo;
import org.multimedia.video.VideoEditing;

/**
 * The local catalogue: {@code seed/videos.json} created and uploaded through the editors' service
 * ({@link VideoEditing}) of the {@code CreateVideoFunction} container and published through that
 * of the {@code PublishVideoFunction} container (whose environment names the catalogue changes
 * queue, where publishing announces each video), exactly as an editor would with curl, so the seed goes through the same validation and storage
 * mapping as {@code POST /videos}. Each entry is a {@code POST /videos} body whose renditions,
 * poster and preview also name their {@code file} (relative to the seed folder), which the binding
 * ignores (as it ignores {@code translationNote}, which says where the French text comes from); each
 * file is PUT to the upload that names it ({@code rendition}: a rendition's name, {@code poster}
 * or {@code preview}).
 */
final class CatalogueSeed {

    /** The function whose environment (tables, bucket) the editors' service is built with. */
    static final String FUNCTION = "CreateVideoFunction";
    /** The function that publishes: its environment also has the catalogue changes queue. */
    static final String PUBLISHING_FUNCTION = "PublishVideoFunction";
    /** The upload names of a video's poster and preview, beside its renditions' names. */
    static final String POSTER = "poster";
    static final String PREVIEW = "preview";

    private final ApplicationContext context;
    private final ApplicationContext publishing;
    private final Path folder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CatalogueSeed(ApplicationContext context, ApplicationContext publishing, Path folder) {
        this.context = context;
        this.publishing = publishing;
        this.folder = folder;
    }

    /** The seed folder of the repository whose template.yaml this is. */
    static Path folder(Path templateYaml) {
        return templateYaml.toAbsolutePath().getParent().resolve("infrastructure/local/seed");
    }

    /**
     * Seeds only an empty catalogue: an emulator this system started is always empty, and an
     * external one ({@code AWS_ENDPOINT_URL}) that outlives restarts is seeded once, the first
     * time; one query decides both. (An editor who unpublishes everything gets the seed back at
     * the next start: fine for a development catalogue.)
     *
     * @return how many videos were published, 0 when the catalogue already had some
     */
    int seedIfEmpty() {
        if (!context.getBean(Catalogue.class).list(Optional.of("1"), Optional.empty()).items().isEmpty()) {
            return 0;
        }
        return seed();
    }

    private int seed() {
        JsonMapper json = context.getBean(JsonMapper.class);
        VideoEditing editing = context.getBean(VideoEditing.class);
        JsonNode entries;
        try {
            entries = json.readValue(Files.readAllBytes(folder.resolve("videos.json")), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder.resolve("videos.json"), e);
        }
        int published = 0;
        for (JsonNode entry : entries.values()) {
            NewVideo video;
            try {
                video = json.readValueFromTree(entry, NewVideo.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Not a POST /videos body in videos.json: " + e.getMessage(), e);
            }
            Map<String, Path> files = files(entry, folder);
            CreatedVideo created = editing.create(video);
            for (CreatedVideo.UploadView upload : created.uploads()) {
                Path file = files.get(upload.rendition());
                if (file == null) {
                    throw new IllegalStateException("videos.json: no file for the upload '" + upload.rendition()
                            + "' of " + entry.get("title").getStringValue());
                }
                upload(upload, file);
            }
            publishing.getBean(VideoEditing.class).publish(created.id());
            published++;
        }
        return published;
    }

    /**
     * The file of every upload a video entry declares, by the name its upload answers with:
     * each rendition's {@code name}, then {@code poster} and {@code preview} (issue 20), each
     * declaration naming its {@code file} relative to the seed folder.
     */
    static Map<String, Path> files(JsonNode entry, Path folder) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (JsonNode rendition : entry.get("renditions").values()) {
            files.put(rendition.get("name").getStringValue(), folder.resolve(rendition.get("file").getStringValue()));
        }
        for (String media : List.of(POSTER, PREVIEW)) {
            JsonNode declared = entry.get(media);
            if (declared != null && declared.isObject()) {
                files.put(media, folder.resolve(declared.get("file").getStringValue()));
            }
        }
        return files;
    }

    /** A PUT to the presigned URL with the headers it was signed with, as a browser would. */
    private void upload(CreatedVideo.UploadView upload, Path file) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url())).timeout(Duration.ofSeconds(10));
        upload.headers().forEach(put::header);
        try {
            HttpResponse<String> response = http.send(put.PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Upload of " + file.getFileName() + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot upload " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding", e);
        }
    }
}
