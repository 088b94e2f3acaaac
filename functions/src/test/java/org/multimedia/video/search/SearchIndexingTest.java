package org.multimedia.video.search;

import org.junit.jupiter.api.Test;
import org.multimedia.testing.MutableClock;
import org.multimedia.video.Video;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multimedia.video.search.SearchIndexTest.NOW;
import static org.multimedia.video.search.SearchIndexTest.ids;
import static org.multimedia.video.search.SearchIndexTest.words;

/** The index updates (SearchIndexing) and the per-container search (CatalogueSearch), on in-memory ports. */
class SearchIndexingTest {

    private final SearchFakes.Store store = new SearchFakes.Store();
    private final SearchFakes.Files files = new SearchFakes.Files();
    private final SearchIndexing indexing = new SearchIndexing(store, files);
    private final MutableClock clock = new MutableClock(NOW);
    private final CatalogueSearch search = new CatalogueSearch(files, store, clock, new SearchIndexSettings(Duration.ofSeconds(1)));

    private static Video video(String id, String title, Instant publishedAt, Video.Status status) {
        return new Video(id, title, "", "", publishedAt, 60, List.of(), status, Map.of(), null, null);
    }

    private List<String> find(String text) {
        return ids(search.find(words(text), clock.instant(), Optional.empty(), 50));
    }

    @Test
    void theFirstChangeBuildsTheWholeIndexFromTheCatalogueAndLaterOnesReadOnlyTheirVideos() {
        for (int i = 0; i < 600; i++) {
            store.put(video("v" + i, "Madrid " + i, NOW.minusSeconds(1000 + i), Video.Status.PUBLISHED));
        }
        store.put(video("draft", "Madrid draft", NOW.minusSeconds(5), Video.Status.DRAFT));
        indexing.changed(List.of("v1"));
        assertEquals(600, files.index().size(), "every listed video, no draft");
        assertTrue(store.listedPages.get() >= 3, "read a page at a time: " + store.listedPages.get());

        int pages = store.listedPages.get();
        store.put(video("new", "Lisbon", NOW.minusSeconds(10), Video.Status.PUBLISHED));
        store.setStatus("v2", Video.Status.UNPUBLISHED);
        store.videos.remove("v3");
        indexing.changed(List.of("new", "v2", "v3", "new"));
        assertEquals(pages, store.listedPages.get(), "an update reads the changed videos only");
        assertEquals(599, files.index().size(), "600 + new - v2 - v3");
        assertEquals(List.of("new"), ids(files.index().find(words("lisbon"), NOW, Optional.empty(), 10)));
        assertEquals(List.of("v20", "v21"), ids(files.index().find(words("madrid 2"), NOW, Optional.empty(), 2)),
                "v2 unpublished (20, 21... start with 2)");
    }

    @Test
    void manyChangesAreReadAHundredAtATime() {
        indexing.changed(List.of());
        for (int i = 0; i < 250; i++) {
            store.put(video("v" + i, "Video " + i, NOW.minusSeconds(i), Video.Status.PUBLISHED));
        }
        indexing.changed(store.videos.keySet());
        assertEquals(250, files.index().size());
        assertEquals(250, store.found.get());
    }

    @Test
    void anUnreadableIndexIsBuiltAnew() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        files.put("an index of another format".getBytes());
        indexing.changed(List.of("a"));
        assertEquals(List.of("a"), files.index().ids());
    }

    @Test
    void anUpdateThatLostTheRaceIsRedoneOnTheNewerIndex() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        indexing.changed(List.of("a"));
        store.put(video("b", "Beta", NOW.minusSeconds(4), Video.Status.PUBLISHED));
        store.put(video("c", "Gamma", NOW.minusSeconds(3), Video.Status.PUBLISHED));
        // Another writer stores the index with b between this update's read and its write.
        files.beforeNextWrite = () -> files.put(files.index().updated(List.of(store.videos.get("b")), List.of()).encode());
        indexing.changed(List.of("c"));
        assertEquals(List.of("c", "b", "a"), files.index().ids(), "neither update is lost");
    }

    @Test
    void anIndexThatKeepsChangingFailsTheBatch() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        SearchIndexFiles racing = new SearchIndexFiles() {
            @Override
            public Read read(Optional<String> knownEtag) {
                return files.read(knownEtag);
            }

            @Override
            public boolean write(byte[] bytes, Optional<String> replacing) {
                return false;
            }
        };
        assertThrows(IllegalStateException.class, () -> new SearchIndexing(store, racing).changed(List.of("a")));
    }

    @Test
    void aScheduledVideoIsIndexedAtOnceAndFoundAtItsTime() {
        store.put(video("later", "Embargoed Madrid", NOW.plusSeconds(20), Video.Status.SCHEDULED));
        indexing.changed(List.of("later"));
        assertEquals(List.of(), find("madrid"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of("later"), find("madrid"));
    }

    @Test
    void theSearchKeepsItsIndexAndAsksForANewerOneAtMostEveryRefresh() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        indexing.changed(List.of("a"));
        assertEquals(List.of("a"), find("alpha"));
        int reads = files.reads.get();
        assertEquals(List.of("a"), find("alp"));
        assertEquals(reads, files.reads.get(), "within the refresh interval: no read");

        store.put(video("b", "Alphabet", NOW.minusSeconds(4), Video.Status.PUBLISHED));
        indexing.changed(List.of("b"));
        assertEquals(List.of("a"), find("alpha"), "the held index until the interval is over");
        clock.advance(Duration.ofSeconds(1));
        int full = files.fullReads.get();
        assertEquals(List.of("b", "a"), find("alpha"));
        assertEquals(full + 1, files.fullReads.get(), "the newer index was read");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("b", "a"), find("alpha"));
        assertEquals(full + 1, files.fullReads.get(), "unchanged: a conditional read, no body");
    }

    @Test
    void withoutAStoredIndexTheSearchAnswersFromTheCatalogue() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        store.put(video("d", "Alpha draft", NOW.minusSeconds(5), Video.Status.DRAFT));
        assertEquals(List.of("a"), find("alpha"));
        assertTrue(files.empty(), "a search never writes the index");
        int pages = store.listedPages.get();
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a"), find("alpha"));
        assertEquals(pages, store.listedPages.get(), "the catalogue is read once per container, not at every refresh");

        store.put(video("b", "Alpha bis", NOW.minusSeconds(1), Video.Status.PUBLISHED));
        indexing.changed(List.of("b"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("b", "a"), find("alpha"), "the first index written is read at the next refresh");
    }

    @Test
    void anUnreadableStoredIndexIsNotFetchedAndRebuiltAtEveryRefresh() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        files.put("an index of another format".getBytes());
        assertEquals(List.of("a"), find("alpha"), "answered from the catalogue");
        int pages = store.listedPages.get();
        int fullReads = files.fullReads.get();
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a"), find("alpha"));
        assertEquals(pages, store.listedPages.get(), "not rebuilt while the stored one is the same");
        assertEquals(fullReads, files.fullReads.get(), "asked with its ETag: not downloaded again");
    }

    @Test
    void whenTheStoreCannotBeReadTheHeldIndexAnswers() {
        store.put(video("a", "Alpha", NOW.minusSeconds(5), Video.Status.PUBLISHED));
        indexing.changed(List.of("a"));
        assertEquals(List.of("a"), find("alpha"));
        files.failReads = true;
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("a"), find("alpha"));
        SearchFakes.Files down = new SearchFakes.Files();
        down.failReads = true;
        CatalogueSearch cold = new CatalogueSearch(down, store, clock, new SearchIndexSettings(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> cold.find(words("alpha"), NOW, Optional.empty(), 5),
                "nothing held: the failure is the caller's (503)");
    }
}
