package org.multimedia.video.search;

import org.junit.jupiter.api.Test;
import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchIndexTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static final Video MINISTERS = video("ministers", "Defence Ministers meet in Madrid",
            "The Defence Ministers of the Alliance met in Madrid.", "A long description of the meeting, its agenda and its outcome.",
            "2026-06-16T10:00:00Z", 600, Map.of("fr", new Video.Translation("Les ministres de la Défense se réunissent à Madrid",
                    "Les ministres de la Défense de l'Alliance se sont réunis à Madrid.", null)));
    static final Video SUMMIT = video("summit", "Summit press conference", "The Secretary General answers questions.",
            "Questions about the defence budget and the cœur of the alliance.", "2026-07-01T09:00:00Z", 1800, Map.of());
    static final Video EXERCISE = video("exercise", "Naval exercise in the Baltic", "Ships of twelve nations train together.",
            "Footage of the exercise, aerial views.", "2026-05-01T09:00:00Z", 120, Map.of());

    static Video video(String id, String title, String summary, String description, String publishedAt, int duration,
                       Map<String, Video.Translation> translations) {
        return new Video(id, title, summary, description, Instant.parse(publishedAt), duration, List.of(),
                Video.Status.PUBLISHED, translations, null, null);
    }

    static SearchQuery words(String text) {
        return new SearchQuery(SearchText.words(text), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    static List<String> ids(List<VideoStore.Position> positions) {
        return positions.stream().map(VideoStore.Position::id).toList();
    }

    private final SearchIndex index = SearchIndex.of(List.of(MINISTERS, SUMMIT, EXERCISE));

    private List<String> find(SearchQuery query) {
        return ids(index.find(query, NOW, Optional.empty(), 100));
    }

    @Test
    void accentsAndCaseAreIgnoredBothWays() {
        assertEquals(List.of("ministers"), find(words("défense ministres")));
        assertEquals(List.of("ministers"), find(words("DEFENSE réunissent")));
        assertEquals(List.of("summit"), find(words("coeur")), "a ligature is spelled out");
        assertEquals(List.of("summit"), find(words("cœur")));
    }

    @Test
    void aWordMatchesTheWordsItStarts() {
        assertEquals(List.of("ministers"), find(words("minist")), "prefix of ministers and ministres");
        assertEquals(List.of("summit", "ministers"), find(words("def")), "defence, Défense; newest first");
        assertEquals(List.of(), find(words("inisters")), "a word inside a word is not a prefix");
    }

    @Test
    void everyWordMustMatchAndFrenchWordsCount() {
        assertEquals(List.of("ministers"), find(words("madrid defence")));
        assertEquals(List.of(), find(words("madrid baltic")));
        assertEquals(List.of("ministers"), find(words("réunis alliance")), "French summary and English summary together");
        assertEquals(List.of(), find(words("nothingatall")));
    }

    @Test
    void noWordsMeansTheFiltersAlone() {
        assertEquals(List.of("summit", "ministers", "exercise"), find(words("")));
        SearchQuery june = new SearchQuery(List.of(), Optional.of(Instant.parse("2026-06-16T10:00:00Z")),
                Optional.of(Instant.parse("2026-07-01T09:00:00Z")), OptionalInt.empty(), OptionalInt.empty());
        assertEquals(List.of("summit", "ministers"), find(june), "from and to are inclusive");
        SearchQuery durations = new SearchQuery(List.of(), Optional.empty(), Optional.empty(), OptionalInt.of(120), OptionalInt.of(600));
        assertEquals(List.of("ministers", "exercise"), find(durations), "minDuration and maxDuration are inclusive");
        SearchQuery both = new SearchQuery(SearchText.words("the"), Optional.empty(), Optional.empty(), OptionalInt.of(601), OptionalInt.empty());
        assertEquals(List.of("summit"), find(both));
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithTiesByIdDescending() {
        List<Video> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String at = i < 10 ? "2026-01-01T00:00:00Z" : "2026-01-0" + (2 + i % 5) + "T00:00:00Z";
            many.add(video(String.format("v%02d", i), "Video number " + i, "", "", at, 60, Map.of()));
        }
        SearchIndex big = SearchIndex.of(many);
        List<String> all = new ArrayList<>();
        Optional<VideoStore.Position> after = Optional.empty();
        while (true) {
            List<VideoStore.Position> page = big.find(words("video"), NOW, after, 7);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(p -> all.add(p.id()));
            after = Optional.of(page.get(page.size() - 1));
        }
        List<String> expected = many.stream()
                .sorted(java.util.Comparator.comparing(Video::publishedAt).thenComparing(Video::id).reversed())
                .map(Video::id).toList();
        assertEquals(expected, all);
        assertEquals(List.of("v09", "v08"), ids(big.find(words("vid"), NOW,
                Optional.of(new VideoStore.Position(Instant.parse("2026-01-01T00:00:00Z"), "v10")), 2)),
                "strictly after the cursor, ties by id descending");
    }

    @Test
    void aScheduledVideoIsFoundOnlyOnceItsTimeCame() {
        Video scheduled = new Video("later", "Madrid tomorrow", "", "", NOW.plusSeconds(20), 30, List.of(),
                Video.Status.SCHEDULED, Map.of(), null, null);
        SearchIndex withScheduled = index.updated(List.of(scheduled), List.of());
        assertEquals(List.of("ministers"), ids(withScheduled.find(words("madrid"), NOW, Optional.empty(), 10)));
        assertEquals(List.of("later", "ministers"), ids(withScheduled.find(words("madrid"), NOW.plusSeconds(20), Optional.empty(), 10)),
                "at its time exactly");
    }

    @Test
    void theNextReleaseIsTheEarliestScheduledVideoStillToCome() {
        assertEquals(Optional.empty(), index.nextRelease(NOW), "all published in the past");
        Video soon = new Video("soon", "Soon", "", "", NOW.plusSeconds(20), 30, List.of(), Video.Status.SCHEDULED, Map.of(), null, null);
        Video later = new Video("later", "Later", "", "", NOW.plusSeconds(90), 30, List.of(), Video.Status.SCHEDULED, Map.of(), null, null);
        SearchIndex scheduled = index.updated(List.of(later, soon), List.of());
        assertEquals(Optional.of(NOW.plusSeconds(20)), scheduled.nextRelease(NOW));
        assertEquals(Optional.of(NOW.plusSeconds(90)), scheduled.nextRelease(NOW.plusSeconds(20)), "at its time it is no longer to come");
        assertEquals(Optional.empty(), scheduled.nextRelease(NOW.plusSeconds(90)));
        assertEquals(Optional.empty(), SearchIndex.empty().nextRelease(NOW));
    }

    @Test
    void anUpdateReplacesAndRemovesDocumentsAndKeepsTheOthers() {
        Video retitled = video("summit", "Summit in Madrid", "", "", "2026-07-01T09:00:00Z", 1800, Map.of());
        Video unpublished = EXERCISE.withStatus(Video.Status.UNPUBLISHED);
        Video draft = video("draft", "Madrid draft", "", "", "2026-07-02T09:00:00Z", 10, Map.of()).withStatus(Video.Status.DRAFT);
        SearchIndex updated = index.updated(List.of(retitled, unpublished, draft), List.of("ministers"));
        assertEquals(List.of("summit"), updated.ids());
        assertEquals(List.of("summit"), ids(updated.find(words("madrid"), NOW, Optional.empty(), 10)));
        assertEquals(List.of(), ids(updated.find(words("press"), NOW, Optional.empty(), 10)), "its old words are gone");

        SearchIndex republished = updated.updated(List.of(MINISTERS, EXERCISE), List.of());
        assertEquals(List.of("summit", "ministers", "exercise"), republished.ids());
        assertEquals(List.of("ministers"), ids(republished.find(words("ministres"), NOW, Optional.empty(), 10)));
        assertEquals(List.of("exercise"), ids(republished.find(words("baltic"), NOW, Optional.empty(), 10)));
    }

    @Test
    void anUpdateGivesTheIndexABuildFromScratchWouldGive() {
        java.util.Random random = new java.util.Random(20);
        String[] vocabulary = {"madrid", "ministres", "ministers", "defence", "défense", "summit", "baltic", "naval",
                "press", "conference", "alliance", "réunion", "budget", "exercise", "ships", "nations"};
        Map<String, Video> catalogue = new java.util.HashMap<>();
        SearchIndex incremental = SearchIndex.empty();
        for (int round = 0; round < 40; round++) {
            List<Video> changed = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            for (int change = 0; change < 1 + random.nextInt(6); change++) {
                String id = "v" + random.nextInt(30);
                int kind = random.nextInt(4);
                if (kind == 0 && catalogue.containsKey(id)) {
                    catalogue.remove(id);
                    gone.add(id);
                    continue;
                }
                StringBuilder title = new StringBuilder();
                for (int w = 0; w < 1 + random.nextInt(4); w++) {
                    title.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ').append(random.nextInt(50)).append(' ');
                }
                Video video = new Video(id, title.toString(), "", "", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(5)),
                        random.nextInt(100), List.of(), kind == 1 ? Video.Status.UNPUBLISHED : Video.Status.PUBLISHED);
                catalogue.put(id, video);
                changed.add(video);
            }
            incremental = SearchIndex.decode(incremental.updated(changed, gone).encode());
            SearchIndex scratch = SearchIndex.of(catalogue.values());
            assertArrayEquals(scratch.encode(), incremental.encode(), "round " + round);
        }
    }

    @Test
    void theStoredFormReadsBackTheSameIndex() {
        SearchIndex read = SearchIndex.decode(index.encode());
        assertEquals(index.ids(), read.ids());
        assertEquals(index.vocabularySize(), read.vocabularySize());
        for (String query : List.of("madrid", "def", "ministres", "coeur", "the", "", "baltic ships")) {
            assertEquals(find(words(query)), ids(read.find(words(query), NOW, Optional.empty(), 100)), query);
        }
        assertArrayEquals(index.encode(), read.encode(), "encoding is deterministic");
        Video precise = new Video("precise", "Précis 😀 emoji", "", "", Instant.parse("2026-03-03T03:03:03.123456789Z"), 7,
                List.of(), Video.Status.PUBLISHED);
        SearchIndex emoji = SearchIndex.decode(SearchIndex.of(List.of(precise)).encode());
        assertEquals(List.of(new VideoStore.Position(precise.publishedAt(), "precise")),
                emoji.find(words("precis"), NOW, Optional.empty(), 1));
        assertEquals(0, SearchIndex.decode(SearchIndex.empty().encode()).size());
    }

    @Test
    void bytesOfAnotherFormatOrDamagedAreUnreadable() throws Exception {
        byte[] good = index.encode();
        assertThrows(SearchIndex.Unreadable.class, () -> SearchIndex.decode(Arrays.copyOf(good, good.length / 2)));
        assertThrows(SearchIndex.Unreadable.class, () -> SearchIndex.decode("not gzip".getBytes()));
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new GZIPOutputStream(other))) {
            out.writeInt(0x4d4d5349);
            out.writeInt(SearchIndex.FORMAT + 1);
        }
        SearchIndex.Unreadable newer = assertThrows(SearchIndex.Unreadable.class, () -> SearchIndex.decode(other.toByteArray()));
        assertEquals("search index format 2, this code reads 1", newer.getMessage());
    }
}
