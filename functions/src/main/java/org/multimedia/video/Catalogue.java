package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What anyone may read of the catalogue: published videos only, newest first. */
@Singleton
public class Catalogue {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    /** Ids are UUIDs we generate: anything else is answered without a lookup. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final VideoStore store;
    private final CatalogueCursor cursors;

    public Catalogue(VideoStore store, CatalogueCursor cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    public VideoPage list(Optional<String> limit, Optional<String> cursor) {
        int size = limit(limit);
        List<Video> videos = store.published(size + 1, cursors.decode(cursor)); // one more tells if a next page exists
        List<Video> page = videos.subList(0, Math.min(size, videos.size()));
        String next = null;
        if (videos.size() > size) {
            Video last = page.get(page.size() - 1);
            next = cursors.encode(new VideoStore.Position(last.publishedAt(), last.id()));
        }
        return new VideoPage(page.stream().map(VideoView::summary).toList(), next);
    }

    public VideoView get(String id) {
        return VideoView.detail(published(id));
    }

    /** A published video, or {@code 404 not_found} (unknown, draft and unpublished alike). */
    Video published(String id) {
        return find(id).filter(Video::published).orElseThrow(Catalogue::notFound);
    }

    /** Any video, drafts included (for editors), or {@code 404 not_found}. */
    Video any(String id) {
        return find(id).orElseThrow(Catalogue::notFound);
    }

    private Optional<Video> find(String id) {
        return ID.matcher(id).matches() ? store.find(id) : Optional.empty();
    }

    /** The id when it can name a video at all, else {@code 404 not_found} without a lookup. */
    String knownId(String id) {
        if (!ID.matcher(id).matches()) {
            throw notFound();
        }
        return id;
    }

    static DomainException notFound() {
        return DomainException.notFound("There is no such video.");
    }

    private static int limit(Optional<String> limit) {
        if (limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String digits = limit.get().strip();
        if (!digits.matches("[0-9]{1,3}")) { // Integer.parseInt would also take "+5" and look-alike digits ("５")
            throw DomainException.invalidRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        try {
            int value = Integer.parseInt(digits);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw DomainException.invalidRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
