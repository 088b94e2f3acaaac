package org.multimedia.infrastructure.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.multimedia.core.FunctionContexts;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.infrastructure.local.LocalSystem;
import org.multimedia.video.CatalogueChanges;
import org.multimedia.video.Rendition;
import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;
import org.multimedia.video.search.SearchIndex;
import org.multimedia.video.search.SearchIndexFiles;
import org.multimedia.video.search.SearchIndexing;
import org.multimedia.video.search.SearchQuery;
import org.multimedia.video.search.SearchText;
import org.multimedia.video.search.VideoSearch;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The catalogue search (issue 20) with a large catalogue, on the local system (template.yaml,
 * moto, the queue consumers polled as Lambda's event sources poll them): generates N videos
 * (realistic text lengths, a third with French translations) straight into the videos table,
 * builds the search index once through SearchIndexFunction's own service, then measures
 * <ul>
 * <li>the stored index: its size (gzip) and its decode time (the first in a fresh JVM path, then warm);</li>
 * <li>a cold container's first search (conditional GET of the index, decode, search);</li>
 * <li>warm searches through ListVideosFunction's beans, as the list does them: VideoSearch for a
 * page of 20 positions, then VideoStore.find of those ids (BatchGetItem), by kind of query;</li>
 * <li>publish to findable: a video is listed and its change queued (what publish does after
 * copying its files), then ListVideosFunction's VideoSearch is asked every 50 ms until it finds it;</li>
 * <li>for scale, GET /videos?limit=20 through the local gateway (the list without search).</li>
 * </ul>
 * Writes infrastructure/benchmarks/target/results/search-DATE.{json,md}.
 */
public final class SearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PAGE = 20;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int videos = 10_000;
        int searches = 100;
        int publishes = 10;
        Path results = Path.of("infrastructure/benchmarks/target/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--videos" -> videos = Integer.parseInt(args[++i]);
                case "--searches" -> searches = Integer.parseInt(args[++i]);
                case "--publishes" -> publishes = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        Map<String, Object> report;
        try (LocalSystem system = LocalSystem.start(Template.locate(), 0)) {
            report = run(system, videos, searches, publishes);
        }
        report.put("totalSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        Files.createDirectories(results);
        String name = "search-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        JSON.writeValue(results.resolve(name + ".json").toFile(), report);
        Files.writeString(results.resolve(name + ".md"), markdown(name, report));
        System.out.println(markdown(name, report));
        System.out.println("Results: " + results.resolve(name + ".json"));
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(LocalSystem system, int count, int searchesPerKind, int publishes) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        report.put("videos", count);

        ApplicationContext editing = context(system, "PublishVideoFunction", Map.of());
        VideoStore store = editing.getBean(VideoStore.class);
        CatalogueChanges changes = editing.getBean(CatalogueChanges.class);
        Corpus corpus = new Corpus(new Random(20));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // 1. The catalogue, straight into the table (create + publish: the store's own writes).
        System.out.printf("Writing %d videos...%n", count);
        long t = System.nanoTime();
        List<Video> catalogue = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            catalogue.add(corpus.video(now.minusSeconds(60 + (long) i * 15_000 + corpus.random.nextInt(10_000))));
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        for (Video video : catalogue) {
            writes.add(writers.submit(() -> {
                if (!store.create(video) || !store.setStatus(video.id(), Video.Status.PUBLISHED)) {
                    throw new IllegalStateException("could not write " + video.id());
                }
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("titleChars", catalogue.stream().mapToInt(v -> v.title().length()).average().orElse(0));
        text.put("summaryChars", catalogue.stream().mapToInt(v -> v.summary().length()).average().orElse(0));
        text.put("descriptionChars", catalogue.stream().mapToInt(v -> v.description().length()).average().orElse(0));
        text.put("withFrench", catalogue.stream().filter(v -> !v.translations().isEmpty()).count());
        report.put("text", text);
        report.put("writeSeconds", seconds(t));

        // 2. The first index: a full build by the consumer's service. The local system's seed
        // publishes made an index of the seeded videos already: it goes, so the build is a full one.
        // moto answers a Query by going through the whole table (seconds with 10,000 large items on a
        // loaded machine): this container waits for it longer than the production 2 s per attempt.
        ApplicationContext indexer = context(system, "SearchIndexFunction", Map.of("AWS_CLIENT_ATTEMPT_TIMEOUT", "60s",
                "AWS_CLIENT_READ_TIMEOUT", "60s", "AWS_CLIENT_CALL_TIMEOUT", "180s"));
        SearchIndexing indexing = indexer.getBean(SearchIndexing.class);
        try (S3Client s3 = system.aws().client(S3Client.builder().forcePathStyle(true))) {
            s3.deleteObject(d -> d.bucket(system.stack().physicalId("VideoBucket")).key("search/index"));
        }
        t = System.nanoTime();
        indexing.changed(List.of(catalogue.get(0).id()));
        report.put("fullBuildMs", millis(t));
        t = System.nanoTime();
        indexer.getBean(VideoStore.class).listed(250, Optional.empty());
        report.put("oneQueryPageOf250Ms", millis(t));

        // 3. The stored index: size, decode.
        byte[] stored;
        try (S3Client s3 = system.aws().client(S3Client.builder().forcePathStyle(true))) {
            ResponseBytes<GetObjectResponse> object = s3.getObject(g -> g.bucket(system.stack().physicalId("VideoBucket"))
                    .key("search/index"), ResponseTransformer.toBytes());
            stored = object.asByteArray();
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("gzipBytes", stored.length);
        t = System.nanoTime();
        SearchIndex decoded = SearchIndex.decode(stored);
        index.put("firstDecodeMs", millis(t));
        index.put("documents", decoded.size());
        index.put("words", decoded.vocabularySize());
        List<Double> decodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            t = System.nanoTime();
            SearchIndex.decode(stored);
            decodes.add(millis(t));
        }
        index.put("warmDecodeMs", Stats.summary(decodes));
        report.put("index", index);

        // 4. A cold container's first search: its own context, the index read and decoded.
        List<Double> coldFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApplicationContext cold = context(system, "ListVideosFunction", Map.of());
            VideoSearch search = cold.getBean(VideoSearch.class);
            t = System.nanoTime();
            search.find(query(List.of("the")), Instant.now(), Optional.empty(), PAGE);
            coldFirst.add(millis(t));
            cold.close();
        }
        report.put("coldContainerFirstSearchMs", Stats.summary(coldFirst));

        // 5. Warm searches, as the list makes them: positions of a page, then the page's videos.
        ApplicationContext listing = context(system, "ListVideosFunction", Map.of());
        VideoSearch search = listing.getBean(VideoSearch.class);
        VideoStore listStore = listing.getBean(VideoStore.class);
        Map<String, List<SearchQuery>> kinds = corpus.queries(catalogue, searchesPerKind + 10, now);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Integer>> hits = new LinkedHashMap<>();
        List<Double> indexOnly = new ArrayList<>();
        List<Double> pageFetch = new ArrayList<>();
        kinds.keySet().forEach(k -> {
            times.put(k, new ArrayList<>());
            hits.put(k, new ArrayList<>());
        });
        for (int round = 0; round < searchesPerKind + 10; round++) {
            for (Map.Entry<String, List<SearchQuery>> kind : kinds.entrySet()) {
                SearchQuery q = kind.getValue().get(round);
                t = System.nanoTime();
                List<VideoStore.Position> page = search.find(q, Instant.now(), Optional.empty(), PAGE);
                long searched = System.nanoTime();
                List<Video> videos = page.isEmpty() ? List.of() : listStore.find(page.stream().map(VideoStore.Position::id).toList());
                double ms = millis(t);
                if (videos.size() != page.size()) {
                    throw new IllegalStateException("the store has " + videos.size() + " of " + page.size() + " found videos");
                }
                if (round >= 10) { // the first 10 rounds warm up
                    times.get(kind.getKey()).add(ms);
                    indexOnly.add((searched - t) / 1e6);
                    if (!page.isEmpty()) {
                        pageFetch.add(millis(searched));
                    }
                    hits.get(kind.getKey()).add(page.size());
                }
            }
        }
        Map<String, Object> searchFigures = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        times.forEach((kind, values) -> {
            all.addAll(values);
            Map<String, Object> f = percentiles(values);
            f.put("example", describe(kinds.get(kind).get(10)));
            f.put("meanHits", hits.get(kind).stream().mapToInt(Integer::intValue).average().orElse(0));
            searchFigures.put(kind, f);
        });
        searchFigures.put("all", percentiles(all));
        searchFigures.put("all: VideoSearch.find alone", percentiles(indexOnly));
        searchFigures.put("all: VideoStore.find of a non-empty page alone", percentiles(pageFetch));
        report.put("warmSearchMs", searchFigures);

        // 5b. The refresh's price: a conditional GET answered 304, and searches that make one each time.
        SearchIndexFiles files = listing.getBean(SearchIndexFiles.class);
        String etag = ((SearchIndexFiles.Changed) files.read(Optional.empty())).stored().etag();
        List<Double> notModified = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            t = System.nanoTime();
            if (!(files.read(Optional.of(etag)) instanceof SearchIndexFiles.Unchanged)) {
                throw new IllegalStateException("the index changed during the benchmark");
            }
            if (i >= 10) {
                notModified.add(millis(t));
            }
        }
        report.put("conditionalGet304Ms", percentiles(notModified));
        ApplicationContext eager = context(system, "ListVideosFunction", Map.of("SEARCH_INDEX_REFRESH", "0s"));
        VideoSearch everyTime = eager.getBean(VideoSearch.class);
        List<Double> eagerTimes = new ArrayList<>();
        List<SearchQuery> oneWord = kinds.get("oneWord");
        for (int i = 0; i < oneWord.size(); i++) {
            t = System.nanoTime();
            everyTime.find(oneWord.get(i), Instant.now(), Optional.empty(), PAGE);
            if (i >= 10) {
                eagerTimes.add(millis(t));
            }
        }
        report.put("searchWithAConditionalGetEachTimeMs", percentiles(eagerTimes));
        eager.close();

        try {
            publishToFindable(system, report, corpus, store, changes, search, indexing, catalogue, publishes);
        } catch (Exception e) {
            report.put("error", e.toString()); // the figures so far are kept
            System.err.println("Stopped: " + e);
        }
        indexer.close();
        listing.close();
        editing.close();
        return report;
    }

    private static void publishToFindable(LocalSystem system, Map<String, Object> report, Corpus corpus, VideoStore store,
                                          CatalogueChanges changes, VideoSearch search, SearchIndexing indexing,
                                          List<Video> catalogue, int publishes) throws Exception {
        long t;
        // 6. Publish to findable, through the local system's SearchIndexFunction (polled queue).
        List<Double> findable = new ArrayList<>();
        List<Double> publishCall = new ArrayList<>();
        for (int i = 0; i < publishes; i++) {
            String nonce = "zq" + Long.toString(Math.abs(corpus.random.nextLong()), 36);
            Video fresh = corpus.video(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1));
            Video tagged = new Video(fresh.id(), nonce + " " + fresh.title(), fresh.summary(), fresh.description(),
                    fresh.publishedAt(), fresh.durationSeconds(), fresh.renditions(), Video.Status.DRAFT,
                    fresh.translations(), null, null);
            store.create(tagged);
            t = System.nanoTime();
            store.setStatus(tagged.id(), Video.Status.PUBLISHED);
            changes.changed(tagged.id());
            long returned = System.nanoTime();
            publishCall.add(millis(t));
            SearchQuery q = query(List.of(nonce));
            while (search.find(q, Instant.now(), Optional.empty(), 1).isEmpty()) {
                if (System.nanoTime() - returned > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("not findable after 60 s: " + tagged.id());
                }
                Thread.sleep(50);
            }
            findable.add(millis(returned));
            Thread.sleep(500);
        }
        Map<String, Object> publish = new LinkedHashMap<>();
        publish.put("publishCallMs", Stats.summary(publishCall));
        publish.put("findableAfterMs", percentiles(findable));
        publish.put("samplesMs", findable.stream().map(Stats::round).toList());
        report.put("publishToFindable", publish);

        // 7. One change applied by the consumer's service on the full index, in process.
        List<Double> updates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            t = System.nanoTime();
            indexing.changed(List.of(catalogue.get(corpus.random.nextInt(catalogue.size())).id()));
            updates.add(millis(t));
        }
        report.put("updateOneChangeMs", Stats.summary(updates));

        // 8. Over HTTP through the local gateway: searches as a visitor makes them, and for scale the
        // list without search.
        report.put("gatewaySearchMs", gatewaySearches(system, catalogue, corpus));
        report.put("gatewayListMs", gateway(system));
    }

    /** GET /videos?q=...&limit=20 through the local gateway: one word, two words, a prefix, with filters, French, no hits. */
    private static Map<String, Object> gatewaySearches(LocalSystem system, List<Video> catalogue, Corpus corpus) throws Exception {
        String secret;
        try (SecretsManagerClient secrets = system.aws().client(SecretsManagerClient.builder())) {
            secret = secrets.getSecretValue(r -> r.secretId(system.stack().physicalId("OriginSecret"))).secretString();
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String> queries = new ArrayList<>();
        List<Video> french = catalogue.stream().filter(v -> !v.translations().isEmpty()).toList();
        for (int i = 0; i < 30; i++) {
            Video v = catalogue.get(corpus.random.nextInt(catalogue.size()));
            List<String> title = SearchText.words(v.title());
            List<String> description = SearchText.words(v.description());
            String word = description.get(corpus.random.nextInt(description.size()));
            queries.add("q=" + word);
            queries.add("q=" + title.get(0) + "+" + word);
            queries.add("q=" + word.substring(0, Math.min(4, word.length())));
            queries.add("q=" + word + "&from=2024-01-01&to=2025-12-31&minDuration=60&maxDuration=1800");
            List<String> fr = SearchText.words(french.get(corpus.random.nextInt(french.size())).translations().get("fr").title());
            queries.add("q=" + java.net.URLEncoder.encode(fr.get(fr.size() - 1), StandardCharsets.UTF_8) + "&lang=fr");
            queries.add("q=xqzw" + i);
        }
        List<Double> times = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < queries.size(); i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(system.url() + "/videos?limit=" + PAGE + "&" + queries.get(i)))
                    .header("x-origin-verify", secret).GET().build();
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (i >= 12) { // two rounds of the six kinds warm up
                statuses.merge(response.statusCode(), 1, Integer::sum);
                times.add(millis(t));
            }
        }
        Map<String, Object> figures = percentiles(times);
        figures.put("statuses", statuses);
        return figures;
    }

    private static Map<String, Object> gateway(LocalSystem system) throws Exception {
        String secret;
        try (SecretsManagerClient secrets = system.aws().client(SecretsManagerClient.builder())) {
            secret = secrets.getSecretValue(r -> r.secretId(system.stack().physicalId("OriginSecret"))).secretString();
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.url() + "/videos?limit=" + PAGE))
                .header("x-origin-verify", secret).GET().build();
        List<Double> times = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 60; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (i >= 10) {
                statuses.merge(response.statusCode(), 1, Integer::sum);
                times.add(millis(t));
            }
        }
        // moto answers the list's Query by going through the whole table: slow with 10,000 items,
        // and a 503 when it takes longer than the function's 2 s per attempt. Counted, not fatal.
        Map<String, Object> figures = percentiles(times);
        figures.put("statuses", statuses);
        return figures;
    }

    private static SearchQuery query(List<String> words) {
        return new SearchQuery(words, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    private static String describe(SearchQuery q) {
        StringBuilder s = new StringBuilder("q=" + String.join(" ", q.words()));
        q.from().ifPresent(f -> s.append(" from=").append(f.toString(), 0, 10));
        q.to().ifPresent(f -> s.append(" to=").append(f.toString(), 0, 10));
        q.minDuration().ifPresent(d -> s.append(" minDuration=").append(d));
        q.maxDuration().ifPresent(d -> s.append(" maxDuration=").append(d));
        return s.toString();
    }

    private static Map<String, Object> percentiles(List<Double> values) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50", Stats.round(Stats.percentile(values, 50)));
        p.put("p95", Stats.round(Stats.percentile(values, 95)));
        p.put("p99", Stats.round(Stats.percentile(values, 99)));
        p.put("max", Stats.round(values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        p.put("n", values.size());
        return p;
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    private static ApplicationContext context(LocalSystem system, String function, Map<String, String> extra) {
        Map<String, Object> env = new LinkedHashMap<>(system.stack().functionEnvironment(function));
        env.put("AWS_REGION", system.aws().region());
        env.put("AWS_ENDPOINT_URL", system.aws().endpoint().toString());
        env.putAll(extra);
        return FunctionContexts.builder() // as on Lambda
                .propertySources(PropertySource.of("template-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    @SuppressWarnings("unchecked")
    private static String markdown(String name, Map<String, Object> r) {
        Map<String, Object> index = (Map<String, Object>) r.get("index");
        Map<String, Object> searches = (Map<String, Object>) r.get("warmSearchMs");
        Map<String, Object> publish = (Map<String, Object>) r.getOrDefault("publishToFindable", Map.of());
        StringBuilder md = new StringBuilder("# Catalogue search benchmark: " + name + "\n\n");
        md.append("Date ").append(r.get("date")).append("; machine ").append(r.get("machine")).append("; ")
                .append(r.get("videos")).append(" videos (").append(r.get("text")).append(").\n\n");
        if (r.containsKey("error")) {
            md.append("**The run stopped early**: ").append(r.get("error")).append("\n\n");
        }
        md.append("| Figure | Value |\n|---|---|\n");
        md.append("| Index size (gzip) | ").append(index.get("gzipBytes")).append(" bytes, ").append(index.get("documents"))
                .append(" documents, ").append(index.get("words")).append(" words |\n");
        md.append("| Decode, first in the JVM | ").append(index.get("firstDecodeMs")).append(" ms |\n");
        md.append("| Decode, warm | ").append(index.get("warmDecodeMs")).append(" ms |\n");
        md.append("| Cold container, first search (GET + decode + search) | ").append(r.get("coldContainerFirstSearchMs")).append(" ms |\n");
        md.append("| Full build (no index yet) | ").append(r.get("fullBuildMs")).append(" ms (one Query page of 250 on moto: ")
                .append(r.get("oneQueryPageOf250Ms")).append(" ms) |\n");
        md.append("| One change applied (read, BatchGet, update, write) | ").append(r.get("updateOneChangeMs")).append(" ms |\n");
        md.append("| Conditional GET of the index answered 304 | ").append(r.get("conditionalGet304Ms")).append(" ms |\n");
        md.append("| VideoSearch.find with SEARCH_INDEX_REFRESH=0s (a conditional GET every search), one word | ")
                .append(r.get("searchWithAConditionalGetEachTimeMs")).append(" ms |\n");
        md.append("| Publish to findable | ").append(publish.get("findableAfterMs")).append(" ms |\n");
        md.append("| GET /videos?q=...&limit=20 through the gateway (6 kinds of search) | ").append(r.get("gatewaySearchMs")).append(" ms |\n");
        md.append("| GET /videos?limit=20 through the gateway (no search) | ").append(r.get("gatewayListMs")).append(" ms |\n\n");
        md.append("Warm searches (VideoSearch.find of a page of 20, then VideoStore.find of its ids), ms:\n\n");
        md.append("| Kind | p50 | p95 | p99 | max | n | mean hits | example |\n|---|---|---|---|---|---|---|---|\n");
        searches.forEach((kind, value) -> {
            Map<String, Object> f = (Map<String, Object>) value;
            md.append("| ").append(kind).append(" | ").append(f.get("p50")).append(" | ").append(f.get("p95")).append(" | ")
                    .append(f.get("p99")).append(" | ").append(f.get("max")).append(" | ").append(f.get("n")).append(" | ")
                    .append(f.getOrDefault("meanHits", "")).append(" | ").append(f.getOrDefault("example", "")).append(" |\n");
        });
        return md.toString();
    }

    /**
     * Generated text with natural-language statistics: words drawn from a Zipf distribution over
     * a vocabulary of common words and many rarer made-up ones; French with accents.
     */
    static final class Corpus {
        private static final String[] COMMON_EN = ("the of and to in a is that for on with as by at from this be are "
                + "was it an have has will were not which their they its more after new also been all two minister "
                + "ministers defence security alliance meeting press conference summit secretary general nations "
                + "forces support exercise allies partners council statement questions answers cooperation madrid "
                + "brussels summit opening remarks joint declaration interview briefing").split(" ");
        private static final String[] COMMON_FR = ("le la les de des du et à en un une est que pour sur avec par au aux "
                + "dans ce cette sont été plus après nouveau ministre ministres défense sécurité alliance réunion "
                + "conférence presse sommet secrétaire général nations forces soutien exercice alliés partenaires "
                + "conseil déclaration questions réponses coopération madrid bruxelles ouverture remarques entretien").split(" ");
        private static final String[] SYLLABLES_EN = "ka to ri mon ster al ve pro tec tion di ple ma sion con ter ex cel ra ble in ment ab ly nor cy".split(" ");
        private static final String[] SYLLABLES_FR = "é tè ra ço mé ni là sé qué vé ré ment ai on eau pré dé cri gé ter".split(" ");

        final Random random;
        private final String[] english;
        private final String[] french;
        private final double[] englishWeights;
        private final double[] frenchWeights;

        Corpus(Random random) {
            this.random = random;
            this.english = vocabulary(COMMON_EN, SYLLABLES_EN, 30_000);
            this.french = vocabulary(COMMON_FR, SYLLABLES_FR, 15_000);
            this.englishWeights = zipf(english.length);
            this.frenchWeights = zipf(french.length);
        }

        private String[] vocabulary(String[] common, String[] syllables, int size) {
            java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>(List.of(common));
            while (words.size() < size) {
                StringBuilder w = new StringBuilder();
                for (int s = 0; s < 2 + random.nextInt(3); s++) {
                    w.append(syllables[random.nextInt(syllables.length)]);
                }
                words.add(w.toString());
            }
            return words.toArray(new String[0]);
        }

        private static double[] zipf(int n) {
            double[] cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
            return cumulative;
        }

        private String word(String[] words, double[] weights) {
            int i = java.util.Arrays.binarySearch(weights, random.nextDouble());
            return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
        }

        private String text(String[] words, double[] weights, int chars) {
            StringBuilder s = new StringBuilder();
            while (s.length() < chars) {
                String w = word(words, weights);
                s.append(s.length() == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
                s.append(random.nextInt(12) == 0 ? ". " : " ");
            }
            return s.toString().trim();
        }

        Video video(Instant publishedAt) {
            Map<String, Video.Translation> translations = random.nextInt(3) == 0
                    ? Map.of("fr", new Video.Translation(text(french, frenchWeights, 60), text(french, frenchWeights, 200),
                    text(french, frenchWeights, 1500)))
                    : Map.of();
            return new Video(UUID.randomUUID().toString(), text(english, englishWeights, 60), text(english, englishWeights, 200),
                    text(english, englishWeights, 1500), publishedAt, 30 + random.nextInt(3570),
                    List.of(new Rendition("hd", "HD 1080p", "video/mp4", 1_000_000_000L, "video-hd.mp4", null)),
                    Video.Status.DRAFT, translations, null, null);
        }

        /** {@code n} queries of each kind, drawn from the catalogue's own text. */
        Map<String, List<SearchQuery>> queries(List<Video> catalogue, int n, Instant now) {
            Map<String, List<SearchQuery>> kinds = new LinkedHashMap<>();
            for (String kind : List.of("oneWord", "twoWords", "prefix", "wordAndFilters", "filtersOnly", "noHits", "french")) {
                kinds.put(kind, new ArrayList<>());
            }
            List<Video> french = catalogue.stream().filter(v -> !v.translations().isEmpty()).toList();
            for (int i = 0; i < n; i++) {
                Video v = catalogue.get(random.nextInt(catalogue.size()));
                List<String> title = SearchText.words(v.title());
                List<String> description = SearchText.words(v.description());
                kinds.get("oneWord").add(plain(List.of(description.get(random.nextInt(description.size())))));
                kinds.get("twoWords").add(plain(List.of(title.get(random.nextInt(title.size())),
                        description.get(random.nextInt(description.size())))));
                String long4 = title.stream().filter(w -> w.length() >= 5).findAny().orElse(title.get(0));
                kinds.get("prefix").add(plain(List.of(long4.substring(0, Math.min(4, long4.length())))));
                Instant from = now.minus(Duration.ofDays(random.nextInt(1500)));
                kinds.get("wordAndFilters").add(new SearchQuery(List.of(description.get(random.nextInt(description.size()))),
                        Optional.of(from), Optional.of(from.plus(Duration.ofDays(180))), OptionalInt.of(60), OptionalInt.of(1800)));
                kinds.get("filtersOnly").add(new SearchQuery(List.of(), Optional.of(from), Optional.of(from.plus(Duration.ofDays(30))),
                        OptionalInt.of(600), OptionalInt.empty()));
                kinds.get("noHits").add(plain(List.of("xqzw" + random.nextInt(1000))));
                Video f = french.get(random.nextInt(french.size()));
                List<String> frenchWords = SearchText.words(f.translations().get("fr").title());
                kinds.get("french").add(plain(frenchWords.subList(0, Math.min(2, frenchWords.size()))));
            }
            return kinds;
        }

        private static SearchQuery plain(List<String> words) {
            return new SearchQuery(words, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
    }
}
