package org.multimedia.video.search;

import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The catalogue's search index: every listed video (published, and scheduled whatever its time)
 * as a document (id, publishedAt, duration), newest first, and the sorted vocabulary of their
 * words ({@link SearchText}) with each word's postings (the documents holding it, ascending, so
 * newest first). Immutable; {@link #encode} / {@link #decode} are its stored form, a gzip of a
 * small binary layout (front-coded words, delta-coded postings as varints).
 * <p>
 * A query word matches a document when it starts one of the document's words ("minist" finds
 * "ministres"): the words with that prefix are one range of the sorted vocabulary. Every query
 * word must match. A scheduled video is in the index with its future publishedAt and is found
 * only once {@code now} reaches it.
 */
public final class SearchIndex {

    /** The stored layout's version: an index of another version is rebuilt, never read. */
    static final int FORMAT = 1;
    private static final int MAGIC = 0x4d4d5349; // "MMSI"

    /** Newest first: publishedAt descending, then id descending (the catalogue's order). */
    static final Comparator<Document> NEWEST_FIRST = Comparator.comparing(Document::publishedAt)
            .thenComparing(Document::id).reversed();

    /** One video as the index knows it. */
    record Document(String id, Instant publishedAt, int durationSeconds) {
        VideoStore.Position position() {
            return new VideoStore.Position(publishedAt, id);
        }
    }

    /** The stored bytes are not an index of this format (another version, damaged, not gzip). */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final Document[] documents;
    private final String[] words;
    private final int[][] postings;

    private SearchIndex(Document[] documents, String[] words, int[][] postings) {
        this.documents = documents;
        this.words = words;
        this.postings = postings;
    }

    public static SearchIndex empty() {
        return new SearchIndex(new Document[0], new String[0], new int[0][]);
    }

    /** The index of these videos (those not {@link Video#listed() listed} are left out). */
    public static SearchIndex of(Collection<Video> videos) {
        Map<String, Video> latest = new java.util.LinkedHashMap<>(); // one document per id: its last state
        videos.forEach(v -> latest.put(v.id(), v));
        Map<Document, Set<String>> wordsOf = new HashMap<>();
        for (Video video : latest.values()) {
            if (video.listed()) {
                wordsOf.put(document(video), wordsOf(video));
            }
        }
        return build(wordsOf);
    }

    /**
     * This index after some videos changed: each of {@code changed} replaces its document (or is
     * removed when no longer listed), and each of {@code gone} (ids of videos that no longer
     * exist) is removed. Documents of other videos are kept as they are.
     */
    public SearchIndex updated(Collection<Video> changed, Collection<String> gone) {
        Set<String> replaced = new HashSet<>(gone);
        changed.forEach(v -> replaced.add(v.id()));
        // The new documents, each with its words; then every document's place in the new order.
        Map<String, Video> latest = new java.util.LinkedHashMap<>(); // a video changed twice: its last state
        changed.forEach(v -> latest.put(v.id(), v));
        Map<Document, Set<String>> added = new HashMap<>();
        for (Video video : latest.values()) {
            if (video.listed()) {
                added.put(document(video), wordsOf(video));
            }
        }
        List<Document> all = new ArrayList<>(documents.length + added.size());
        for (Document document : documents) {
            if (!replaced.contains(document.id())) {
                all.add(document);
            }
        }
        all.addAll(added.keySet());
        Document[] order = all.toArray(new Document[0]);
        Arrays.sort(order, NEWEST_FIRST);
        Map<Document, Integer> placeOfAdded = new HashMap<>();
        int[] oldToNew = new int[documents.length];
        Arrays.fill(oldToNew, -1);
        for (int d = 0, o = 0; d < order.length; d++) {
            // Kept documents keep their relative order: walk the old array alongside.
            while (o < documents.length && replaced.contains(documents[o].id())) {
                o++;
            }
            if (o < documents.length && documents[o] == order[d]) {
                oldToNew[o++] = d;
            } else {
                placeOfAdded.put(order[d], d);
            }
        }
        // The added documents' postings, by word (ascending).
        TreeMap<String, IntList> addedWords = new TreeMap<>();
        added.forEach((document, words) -> words.forEach(w -> addedWords.computeIfAbsent(w, k -> new IntList())
                .add(placeOfAdded.get(document))));
        addedWords.values().forEach(IntList::sort);
        // Merge the two sorted vocabularies; old postings are renumbered (an increasing map keeps them sorted).
        List<String> newWords = new ArrayList<>(words.length + addedWords.size());
        List<int[]> newPostings = new ArrayList<>(words.length + addedWords.size());
        java.util.Iterator<Map.Entry<String, IntList>> fresh = addedWords.entrySet().iterator();
        Map.Entry<String, IntList> next = fresh.hasNext() ? fresh.next() : null;
        int w = 0;
        while (w < words.length || next != null) {
            int order0 = next == null ? -1 : w == words.length ? 1 : words[w].compareTo(next.getKey());
            int[] kept = order0 <= 0 ? renumbered(postings[w], oldToNew) : new int[0];
            int[] more = order0 >= 0 ? next.getValue().toArray() : new int[0];
            String word = order0 <= 0 ? words[w] : next.getKey();
            int[] merged = merge(kept, more);
            if (merged.length > 0) {
                newWords.add(word);
                newPostings.add(merged);
            }
            if (order0 <= 0) {
                w++;
            }
            if (order0 >= 0) {
                next = fresh.hasNext() ? fresh.next() : null;
            }
        }
        return new SearchIndex(order, newWords.toArray(new String[0]), newPostings.toArray(new int[0][]));
    }

    private static int[] renumbered(int[] list, int[] oldToNew) {
        int[] out = new int[list.length];
        int n = 0;
        for (int d : list) {
            int to = oldToNew[d];
            if (to >= 0) {
                out[n++] = to;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static int[] merge(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            out[n++] = j == b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        }
        return out;
    }

    private static Document document(Video video) {
        return new Document(video.id(), video.publishedAt(), video.durationSeconds());
    }

    /** Title, summary and description, in English and in every translation. */
    static Set<String> wordsOf(Video video) {
        Set<String> words = new HashSet<>();
        words.addAll(SearchText.words(video.title()));
        words.addAll(SearchText.words(video.summary()));
        words.addAll(SearchText.words(video.description()));
        for (Video.Translation translation : video.translations().values()) {
            words.addAll(SearchText.words(translation.title()));
            words.addAll(SearchText.words(translation.summary()));
            words.addAll(SearchText.words(translation.description()));
        }
        return words;
    }

    private static SearchIndex build(Map<Document, Set<String>> wordsOf) {
        Document[] documents = wordsOf.keySet().toArray(new Document[0]);
        Arrays.sort(documents, NEWEST_FIRST);
        TreeMap<String, IntList> vocabulary = new TreeMap<>();
        for (int d = 0; d < documents.length; d++) {
            for (String word : wordsOf.get(documents[d])) {
                vocabulary.computeIfAbsent(word, w -> new IntList()).add(d);
            }
        }
        String[] words = vocabulary.keySet().toArray(new String[0]);
        int[][] postings = new int[words.length][];
        int w = 0;
        for (IntList list : vocabulary.values()) {
            postings[w++] = list.toArray(); // ascending: documents were visited in order
        }
        return new SearchIndex(documents, words, postings);
    }

    public int size() {
        return documents.length;
    }

    public int vocabularySize() {
        return words.length;
    }

    /** The ids of the indexed videos, newest first. */
    public List<String> ids() {
        return Arrays.stream(documents).map(Document::id).toList();
    }

    // ------------------------------------------------------------------ search

    /**
     * The matching documents visible at {@code now} (publishedAt ≤ now), newest first, strictly
     * after {@code after} when given, at most {@code limit}.
     */
    public List<VideoStore.Position> find(SearchQuery query, Instant now, Optional<VideoStore.Position> after, int limit) {
        if (limit <= 0 || documents.length == 0) {
            return List.of();
        }
        long[] matching = null; // null: every document
        for (String word : queryWords(query)) {
            long[] withWord = withPrefix(word);
            if (matching == null) {
                matching = withWord;
            } else {
                for (int i = 0; i < matching.length; i++) {
                    matching[i] &= withWord[i];
                }
            }
        }
        List<VideoStore.Position> found = new ArrayList<>(Math.min(limit, 100));
        for (int d = start(now, after); d < documents.length && found.size() < limit; d++) {
            if (matching != null && (matching[d >>> 6] & (1L << d)) == 0) {
                continue;
            }
            Document document = documents[d];
            if (matches(document, query)) {
                found.add(document.position());
            }
        }
        return found;
    }

    /**
     * When the next scheduled video appears: the earliest publishedAt after {@code now} among the
     * indexed videos (the index holds scheduled videos from the moment they are scheduled).
     */
    public Optional<Instant> nextRelease(Instant now) {
        int low = 0;
        int high = documents.length;
        while (low < high) { // the first document not after now; the one before it is the earliest future one
            int middle = (low + high) >>> 1;
            if (documents[middle].publishedAt().isAfter(now)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == 0 ? Optional.empty() : Optional.of(documents[low - 1].publishedAt());
    }

    /** The query's words, normalised again (a caller may pass raw words) and without repeats. */
    private static Set<String> queryWords(SearchQuery query) {
        Set<String> words = new TreeSet<>();
        query.words().forEach(w -> words.addAll(SearchText.words(w)));
        return words;
    }

    /** The documents holding a word that starts with {@code prefix}, as a bit set. */
    private long[] withPrefix(String prefix) {
        long[] bits = new long[(documents.length + 63) >>> 6];
        int first = Arrays.binarySearch(words, prefix);
        if (first < 0) {
            first = -first - 1;
        }
        for (int w = first; w < words.length && words[w].startsWith(prefix); w++) {
            for (int d : postings[w]) {
                bits[d >>> 6] |= 1L << d;
            }
        }
        return bits;
    }

    /** The first document to look at: the first one visible at {@code now} and after {@code after}. */
    private int start(Instant now, Optional<VideoStore.Position> after) {
        // Documents are sorted newest first: the future ones come first, then the visible ones.
        int low = 0;
        int high = documents.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (documents[middle].publishedAt().isAfter(now)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (after.isEmpty()) {
            return low;
        }
        // Then the first document that sorts strictly after the cursor.
        Document cursor = new Document(after.get().id(), after.get().publishedAt(), 0);
        int first = low;
        high = documents.length;
        while (first < high) {
            int middle = (first + high) >>> 1;
            if (NEWEST_FIRST.compare(documents[middle], cursor) <= 0) {
                first = middle + 1;
            } else {
                high = middle;
            }
        }
        return first;
    }

    private static boolean matches(Document document, SearchQuery query) {
        if (query.from().isPresent() && document.publishedAt().isBefore(query.from().get())) {
            return false;
        }
        if (query.to().isPresent() && document.publishedAt().isAfter(query.to().get())) {
            return false;
        }
        if (query.minDuration().isPresent() && document.durationSeconds() < query.minDuration().getAsInt()) {
            return false;
        }
        return query.maxDuration().isEmpty() || document.durationSeconds() <= query.maxDuration().getAsInt();
    }

    // ------------------------------------------------------------------ stored form

    /** The stored form: gzip of magic, format, documents, then front-coded words with delta-coded postings. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 64 * 1024))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            varint(out, documents.length);
            for (Document document : documents) {
                text(out, document.id());
                out.writeLong(document.publishedAt().getEpochSecond());
                varint(out, document.publishedAt().getNano());
                varint(out, document.durationSeconds());
            }
            varint(out, words.length);
            String previous = "";
            for (int w = 0; w < words.length; w++) {
                String word = words[w];
                int shared = sharedPrefix(previous, word);
                varint(out, shared);
                text(out, word.substring(shared));
                previous = word;
                int[] list = postings[w];
                varint(out, list.length);
                int last = -1;
                for (int d : list) {
                    varint(out, d - last);
                    last = d;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The index these bytes hold; {@link Unreadable} if they are not an index of this {@link #FORMAT}. */
    public static SearchIndex decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(stored), 64 * 1024), 64 * 1024))) {
            if (in.readInt() != MAGIC) {
                throw new Unreadable("not a search index", null);
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new Unreadable("search index format " + format + ", this code reads " + FORMAT, null);
            }
            Document[] documents = new Document[varint(in)];
            for (int d = 0; d < documents.length; d++) {
                String id = text(in);
                Instant publishedAt = Instant.ofEpochSecond(in.readLong(), varint(in));
                documents[d] = new Document(id, publishedAt, varint(in));
            }
            String[] words = new String[varint(in)];
            int[][] postings = new int[words.length][];
            String previous = "";
            for (int w = 0; w < words.length; w++) {
                int shared = varint(in);
                String word = previous.substring(0, shared) + text(in);
                words[w] = word;
                previous = word;
                int[] list = new int[varint(in)];
                int last = -1;
                for (int i = 0; i < list.length; i++) {
                    last += varint(in);
                    if (last >= documents.length) {
                        throw new Unreadable("posting beyond the documents", null);
                    }
                    list[i] = last;
                }
                postings[w] = list;
            }
            return new SearchIndex(documents, words, postings);
        } catch (EOFException | IllegalArgumentException | StringIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new Unreadable("truncated or damaged search index", e);
        } catch (IOException e) {
            throw new Unreadable("unreadable search index (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // Never split a surrogate pair: the suffix is written as UTF-8 on its own.
        if (i > 0 && Character.isHighSurrogate(b.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        varint(out, utf8.length);
        out.write(utf8);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[varint(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void varint(OutputStream out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int varint(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalArgumentException("negative length");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    /** A growable list of ints (postings while building). */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }

        void sort() {
            Arrays.sort(values, 0, size);
        }
    }
}
