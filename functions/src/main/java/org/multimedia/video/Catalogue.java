package org.multimedia.video;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Language;
import org.multimedia.identity.TermsSettings;
import org.multimedia.video.search.SearchQuery;
import org.multimedia.video.search.SearchText;
import org.multimedia.video.search.VideoSearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What anyone may read of the catalogue: the videos visible now (published, or scheduled and
 * their time has come), newest first, found by words and filters; and, for editors, drafts and
 * videos scheduled for later.
 */
@Singleton
public class Catalogue {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    /** A search's text: a few words, not a document. */
    static final int MAX_QUERY_LENGTH = 200;
    static final int MAX_QUERY_WORDS = 12;
    /** How long a public answer may be kept (by CloudFront, browsers): at most until the next scheduled video appears. */
    static final Duration CACHE = Duration.ofSeconds(30);
    /** Ids are UUIDs we generate: anything else is answered without a lookup. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,5}");

    private final VideoStore store;
    private final CatalogueCursor cursors;
    private final BeanProvider<VideoSearch> search;
    private final PublicFiles files;
    private final Clock clock;
    /** The credit line shown with each video's detail. */
    private final String credit;

    /** {@code search}: looked up on the first search only (a page of the list needs no index). */
    public Catalogue(VideoStore store, CatalogueCursor cursors, BeanProvider<VideoSearch> search, PublicFiles files,
                     TermsSettings terms, Clock clock) {
        this.store = store;
        this.cursors = cursors;
        this.search = search;
        this.files = files;
        this.credit = terms.credit();
        this.clock = clock;
    }

    /**
     * A page of the public list, of a search ({@code q} and filters), or of editors' drafts or
     * scheduled videos ({@code status}: the caller is an editor, the route's rule saw to it).
     * {@code 400 invalid_request} names the first bad parameter.
     */
    public VideoPage list(CatalogueQuery query, Language language) {
        int size = limit(query.limit());
        Optional<VideoStore.Position> after = cursors.decode(query.cursor());
        Instant now = clock.instant();
        VideoView.Showing showing = new VideoView.Showing(language, files, credit);
        List<Video> videos; // one more than the page tells if a next page exists
        Function<Video, VideoView> view = showing::summary;
        if (query.status().isPresent()) {
            if (query.searches()) {
                throw DomainException.invalidRequest("'status' lists drafts or scheduled videos: it takes no 'q', 'from', 'to', 'minDuration' or 'maxDuration'.");
            }
            videos = switch (query.status().get()) {
                case "draft" -> store.drafts(size + 1, after);
                case "scheduled" -> store.scheduled(now, size + 1, after);
                default -> throw DomainException.invalidRequest("'status' must be \"draft\" or \"scheduled\".");
            };
            view = showing::forEditors;
        } else if (query.searches()) {
            videos = found(searchQuery(query), now, size + 1, after);
        } else {
            videos = store.visible(now, size + 1, after);
        }
        List<Video> page = videos.subList(0, Math.min(size, videos.size()));
        String next = null;
        if (videos.size() > size) {
            Video last = page.get(page.size() - 1);
            next = cursors.encode(new VideoStore.Position(last.publishedAt(), last.id()));
        }
        return new VideoPage(page.stream().map(view).toList(), next, language.tag());
    }

    /** A page of the public list, in English. */
    public VideoPage list(Optional<String> limit, Optional<String> cursor) {
        return list(CatalogueQuery.page(limit, cursor), Language.EN);
    }

    /**
     * A page of the public list or of a search may be kept until the next scheduled video
     * appears, 30 s at most; a search asks its index (no Query of its own), a list the table.
     */
    public Duration freshFor(CatalogueQuery query) {
        Instant now = clock.instant();
        Optional<Instant> next = query.searches() ? search.get().nextRelease(now) : store.nextRelease(now);
        return next.map(at -> Duration.between(now, at)).filter(d -> d.compareTo(CACHE) < 0).orElse(CACHE);
    }

    public VideoView get(String id, Language language) {
        return new VideoView.Showing(language, files, credit).detail(visible(id));
    }

    public VideoView get(String id) {
        return get(id, Language.EN);
    }

    /** The matching videos visible now, in the index's order (newest first; BatchGetItem answers in any order). */
    private List<Video> found(SearchQuery query, Instant now, int limit, Optional<VideoStore.Position> after) {
        List<VideoStore.Position> hits = search.get().find(query, now, after, limit);
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, Video> byId = store.find(hits.stream().map(VideoStore.Position::id).toList()).stream()
                .collect(Collectors.toMap(Video::id, v -> v));
        // The index may lag a change by a few seconds: what it names must still be visible now.
        return hits.stream().map(h -> byId.get(h.id())).filter(v -> v != null && v.visibleAt(now)).toList();
    }

    /** A visible video (published, or scheduled and its time has come), or {@code 404 not_found} (unknown, draft, later, unpublished alike). */
    Video visible(String id) {
        Instant now = clock.instant();
        return find(id).filter(v -> v.visibleAt(now)).orElseThrow(Catalogue::notFound);
    }

    /** The visible videos among {@code ids} (at most 100), by id; the others (unknown, not yet, unpublished) are absent. */
    Map<String, Video> visible(Collection<String> ids) {
        Instant now = clock.instant();
        List<String> possible = ids.stream().filter(id -> ID.matcher(id).matches()).distinct().toList();
        return possible.isEmpty() ? Map.of() : store.find(possible).stream().filter(v -> v.visibleAt(now))
                .collect(Collectors.toMap(Video::id, v -> v));
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

    private static SearchQuery searchQuery(CatalogueQuery query) {
        String text = query.q().orElse("");
        if (text.length() > MAX_QUERY_LENGTH) {
            throw DomainException.invalidRequest("'q' must be at most " + MAX_QUERY_LENGTH + " characters.");
        }
        List<String> words = SearchText.words(text).stream().distinct().toList();
        if (words.size() > MAX_QUERY_WORDS) {
            throw DomainException.invalidRequest("'q' must have at most " + MAX_QUERY_WORDS + " words.");
        }
        Optional<Instant> from = query.from().map(value -> instant("from", value, false));
        Optional<Instant> to = query.to().map(value -> instant("to", value, true));
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw DomainException.invalidRequest("'to' must not be before 'from'.");
        }
        OptionalInt min = seconds("minDuration", query.minDuration());
        OptionalInt max = seconds("maxDuration", query.maxDuration());
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            throw DomainException.invalidRequest("'maxDuration' must not be less than 'minDuration'.");
        }
        return new SearchQuery(words, from, to, min, max);
    }

    /** An instant ({@code 2022-06-16T14:30:00Z}) or a UTC day ({@code 2022-06-16}: its first second, or its last for {@code to}). */
    private static Instant instant(String name, String value, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidRequest("'" + name + "' must be a date (2022-06-16) or a date and time (2022-06-16T14:30:00Z).");
        }
    }

    private static OptionalInt seconds(String name, Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        String digits = value.get().strip();
        if (!SECONDS.matcher(digits).matches() || Integer.parseInt(digits) > 86_400) {
            throw DomainException.invalidRequest("'" + name + "' must be a whole number of seconds from 0 to 86400.");
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    static int limit(Optional<String> limit) {
        if (limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String digits = limit.get().strip();
        if (!digits.matches("[0-9]{1,3}")) { // Integer.parseInt would also take "+5" and look-alike digits ("５")
            throw DomainException.invalidRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        int value = Integer.parseInt(digits);
        if (value < 1 || value > MAX_LIMIT) {
            throw DomainException.invalidRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        return value;
    }
}
