package org.multimedia.video;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.identity.InMemoryTermsAcceptances;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.TermsOfUse;
import org.multimedia.identity.TermsSettings;
import org.multimedia.testing.MutableClock;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads (issue 21): links for members who accepted the conditions in force, sized to the
 * file, free to ask again while they live, counted once (links per hour, bytes once per file per
 * day), one by one or as a basket, and the member's history.
 */
class DownloadsTest extends VideoWorld {

    @BeforeEach
    void cyAcceptedTheTermsToo() {
        terms.accept("sub-cy", TermsSettings.DEFAULT_VERSION);
    }

    private Downloads downloads(VideoFakes.Ledger ledger, long bytesPerDay) {
        return new Downloads(catalogue, signer, ledger, settings, new DownloadBudgetSettings(bytesPerDay), terms, clock);
    }

    private final DownloadHistory history = new DownloadHistory(ledger);

    private DownloadLink download(Downloads downloads, String id, String rendition) {
        return downloads.download(id, Optional.of(rendition), ada, "192.0.2.1");
    }

    // ------------------------------------------------------------------ one file

    @Test
    void aLinkCarriesTheFilesSizeChecksumAndCreditAndTheDownloadIsRecordedWithThem() {
        String id = published("Summit");
        DownloadLink link = download(downloads, id, "sd");
        assertEquals(new DownloadLink("https://cdn.example/videos/" + id + "/sd?Signature=fake", "2026-11-28T10:25:01Z",
                "summit-sd.mp4", 500, VideoFakes.Files.sha256(SD), "Video: NATO"), link,
                "10 minutes plus 500 bytes at 20 Mbit/s (1 s), to the second");
        assertEquals(List.of(new org.multimedia.video.DownloadLedger.Download("sub-ada", id, "sd", "Summit", "summit-sd.mp4", 500,
                VideoFakes.Files.sha256(SD), clock.instant(), "192.0.2.1")), ledger.downloads);
        assertEquals("summit-hd.mp4", downloads.download(id, Optional.empty(), ada, "192.0.2.1").filename(),
                "no rendition named: the first one");
        assertEquals("Video: NATO", catalogue.get(id).credit(), "the detail carries the credit line");
        assertNull(catalogue.list(Optional.empty(), Optional.empty()).items().get(0).credit(), "lists do not");
    }

    @Test
    void aLinkLivesTenMinutesPlusTheFileAtTwentyMegabitsASecondAndTwelveHoursAtMost() {
        assertEquals(Duration.ofMinutes(10), settings.downloadLinkLife(0));
        assertEquals(Duration.ofMinutes(10).plusSeconds(859), settings.downloadLinkLife(2L << 30), "2 GiB: 858.99 s, rounded up");
        assertEquals(Duration.ofMinutes(10).plusSeconds(4_000), settings.downloadLinkLife(10_000_000_000L), "10 GB: 4,000 s");
        assertEquals(Duration.ofHours(12), settings.downloadLinkLife(200_000_000_000L), "200 GB would take 22 h: capped");
    }

    @Test
    void withoutTheTermsInForceAcceptedADownloadIsTermsRequiredWithTheVersionAndNothingIsSignedOrCounted() {
        String id = published("Summit");
        LiveUser bo = new LiveUser("sub-bo", "bo", true);
        DomainException e = refused(DomainException.Kind.CONFLICT, "terms_required",
                () -> downloads.download(id, Optional.empty(), bo, "192.0.2.2"));
        assertEquals(Map.of("version", TermsSettings.DEFAULT_VERSION), e.details());
        assertEquals(List.of(), signer.signed);
        assertEquals(List.of(), ledger.downloads);

        // A new version is published: ada's acceptance of the old one no longer opens downloads.
        TermsOfUse newer = new TermsOfUse(new TermsSettings("2027-01-01", "Video: NATO"), acceptances, clock);
        Downloads afterNewVersion = new Downloads(catalogue, signer, ledger, settings, new DownloadBudgetSettings(1_000_000), newer, clock);
        assertEquals(Map.of("version", "2027-01-01"), refused(DomainException.Kind.CONFLICT, "terms_required",
                () -> afterNewVersion.download(id, Optional.empty(), ada, "192.0.2.1")).details());
        assertTrue(newer.accept(ada.sub(), TermsSettings.DEFAULT_VERSION).isEmpty(), "accepting the old text is not accepting the new");
        newer.accept(ada.sub(), "2027-01-01");
        assertEquals("summit-hd.mp4", afterNewVersion.download(id, Optional.empty(), ada, "192.0.2.1").filename());
    }

    @Test
    void anUnconfirmedViewerAnUnknownRenditionAndADraftGetNoLinkAndUseNoAllowance() {
        String id = published("Summit");
        String draft = editing.create(new NewVideo("Draft", "s", "d", "2026-11-02T09:00:00Z", 60, List.of(
                new NewVideo.NewRendition("hd", "HD", "video/mp4", HD.length, "d.mp4", VideoFakes.Files.sha256(HD))))).id();
        LiveUser unconfirmed = new LiveUser("sub-bob", "bob", false);
        refused(DomainException.Kind.FORBIDDEN, "not_verified", () -> downloads.download(id, Optional.empty(), unconfirmed, "192.0.2.2"));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> download(downloads, id, "4k"));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> downloads.download(draft, Optional.empty(), ada, "192.0.2.1"));
        assertEquals(List.of(), signer.signed);
        assertEquals(List.of(), ledger.downloads);
        assertTrue(ledger.counters.isEmpty());
    }

    // ------------------------------------------------------------------ asking again

    @Test
    void fortyRequestsForOneFileWhileItsLinkLivesAreFortyLinksAndOneDownload() {
        String id = published("Summit");
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(5));
            DownloadLink link = download(downloads, id, "hd");
            assertEquals(clock.instant().plus(settings.downloadLinkLife(HD.length)).getEpochSecond(),
                    Instant.parse(link.expiresAt()).getEpochSecond(), "each link is fresh, with its full life");
        }
        assertEquals(40, signer.signed.size());
        assertEquals(1, ledger.downloads.size(), "one audit record, one history entry");
        assertEquals(Map.of("downloads#sub-ada#" + hourNumber(), 1L, "download-bytes#sub-ada#" + dayNumber(), 2_000L), ledger.counters);

        // Once the link has expired, asking again is a new download; its bytes already counted today.
        clock.advance(settings.downloadLinkLife(HD.length).plusSeconds(1));
        download(downloads, id, "hd");
        assertEquals(2, ledger.downloads.size());
        assertEquals(2_000L, ledger.counters.get("download-bytes#sub-ada#" + dayNumber()), "bytes once per file per day");

        // The next day its bytes count again.
        clock.advance(Duration.ofDays(1));
        download(downloads, id, "hd");
        assertEquals(2_000L, ledger.counters.get("download-bytes#sub-ada#" + dayNumber()));
    }

    private long hourNumber() {
        return clock.instant().getEpochSecond() / 3600;
    }

    private long dayNumber() {
        return clock.instant().getEpochSecond() / 86_400;
    }

    @Test
    void twoRequestsAtOnceForTheSameFileCountItOnce() {
        String id = published("Summit");
        // The other request writes its grant between this one's read and its write.
        VideoFakes.Ledger racing = new VideoFakes.Ledger() {
            boolean raced;

            @Override
            public synchronized Outcome record(String sub, List<Entry> entries, Counter links, Counter bytes) {
                if (!raced) {
                    raced = true;
                    download(downloads(this, 1_000_000_000L), id, "hd");
                }
                return super.record(sub, entries, links, bytes);
            }
        };
        download(downloads(racing, 1_000_000_000L), id, "hd");
        assertEquals(1, racing.downloads.size(), "the second request found the first one's link and did not count");
        assertEquals(1L, racing.counters.get("downloads#sub-ada#" + hourNumber()));
        assertEquals(2_000L, racing.counters.get("download-bytes#sub-ada#" + dayNumber()));
    }

    @Test
    void theHourlyAllowanceCountsDifferentFilesAndALiveLinkCanStillBeAskedForAgain() {
        String first = published("Summit");
        String second = published("Press conference");
        download(downloads, first, "hd");
        download(downloads, first, "sd");
        download(downloads, second, "hd");
        DomainException limited = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> download(downloads, second, "sd"));
        assertEquals(Duration.ofMinutes(45), limited.retryAfter(), "until the window ends at 11:00");
        assertEquals(PER_HOUR, ledger.downloads.size(), "the refused one is not recorded");

        assertEquals("summit-hd.mp4", download(downloads, first, "hd").filename(), "a live link again: not counted, not refused");

        downloads.download(second, Optional.of("sd"), new LiveUser("sub-cy", "cy", true), "192.0.2.3"); // cy's own allowance
        clock.advance(Duration.ofMinutes(45));
        download(downloads, second, "sd");
        assertEquals(PER_HOUR + 2, ledger.downloads.size(), "cy's, and a new hour's");
    }

    @Test
    void theDailyByteBudgetRefusesTheFileThatWouldCrossItUntilMidnightUtc() {
        String[] ids = {published("One"), published("Two"), published("Three")};
        Downloads unlimitedLinks = new Downloads(catalogue, signer, ledger,
                new VideoSettings("videos-bucket", Duration.ofMinutes(10), Duration.ofHours(1), 100),
                new DownloadBudgetSettings(5_000), terms, clock);
        download(unlimitedLinks, ids[0], "hd");
        download(unlimitedLinks, ids[1], "hd"); // 4,000 of 5,000
        DomainException crossing = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> download(unlimitedLinks, ids[2], "hd"));
        assertEquals("You have used up the download volume allowed per day. Please try again later.", crossing.getMessage());
        assertEquals(Duration.ofHours(13).plusMinutes(45), crossing.retryAfter(), "from 10:15 to midnight UTC");
        assertEquals(2, ledger.downloads.size(), "the refused one is not recorded");

        download(unlimitedLinks, ids[0], "sd");
        download(unlimitedLinks, ids[1], "sd"); // 5,000 of 5,000
        refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests", () -> download(unlimitedLinks, ids[2], "sd"));
        assertEquals("summit-hd.mp4", download(unlimitedLinks, ids[0], "hd").filename(), "a file already counted today still passes");

        clock.advance(Duration.ofHours(13).plusMinutes(45)); // 00:00 UTC, the next day
        download(unlimitedLinks, ids[2], "hd");
        assertEquals(5, ledger.downloads.size(), "a new day, a new budget");
    }

    @Test
    void aFileLargerThanTheWholeDailyBudgetIsRefusedBeforeAnythingIsSignedOrWritten() {
        String id = published("Summit");
        Downloads budgeted = downloads(ledger, 1_000);
        DomainException tooLarge = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> download(budgeted, id, "hd"));
        assertEquals("This file is larger than the download volume allowed per day.", tooLarge.getMessage());
        assertEquals(List.of(), signer.signed);
        assertTrue(ledger.counters.isEmpty());
        assertEquals("summit-sd.mp4", download(budgeted, id, "sd").filename());
    }

    // ------------------------------------------------------------------ basket

    private DownloadLink.Basket basket(Downloads downloads, Downloads.Wanted... items) {
        return downloads.basket(List.of(items), ada, "192.0.2.1");
    }

    private static Downloads.Wanted wanted(String id, String rendition) {
        return new Downloads.Wanted(id, Optional.ofNullable(rendition));
    }

    @Test
    void aBasketIsALinkPerFileInTheOrderAskedEachFileOnceCountedAsTheSameDownloads() {
        String first = published("Summit");
        String second = published("Press conference");
        DownloadLink.Basket basket = basket(downloads, wanted(second, "sd"), wanted(first, null), wanted(second, "sd"));
        assertEquals(List.of(second + "/sd", first + "/hd"),
                basket.items().stream().map(i -> i.videoId() + "/" + i.rendition()).toList());
        assertEquals(VideoFakes.Files.sha256(SD), basket.items().get(0).sha256());
        assertEquals(2_000, basket.items().get(1).sizeBytes());
        assertEquals("Video: NATO", basket.credit());
        assertEquals(2, ledger.downloads.size());
        assertEquals(2L, ledger.counters.get("downloads#sub-ada#" + hourNumber()));
        assertEquals(2_500L, ledger.counters.get("download-bytes#sub-ada#" + dayNumber()));

        // The same files again while their links live: new links, nothing counted.
        basket(downloads, wanted(first, null), wanted(second, "sd"));
        assertEquals(2, ledger.downloads.size());
    }

    @Test
    void aBasketIsCountedWholeOrNotAtAllAndAnUnknownVideoRefusesIt() {
        String first = published("Summit");
        String second = published("Press conference");
        refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> basket(downloads, wanted(first, "hd"), wanted(first, "sd"), wanted(second, "hd"), wanted(second, "sd")));
        assertEquals(List.of(), ledger.downloads, "4 files with 3 links an hour: none of them");
        assertTrue(ledger.counters.isEmpty());
        signer.signed.clear();

        String unknown = "0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90";
        DomainException gone = refused(DomainException.Kind.NOT_FOUND, "not_found", () -> basket(downloads, wanted(first, "hd"), wanted(unknown, null)));
        assertEquals(Map.of("videoId", unknown), gone.details());
        assertEquals(Map.of("videoId", first), refused(DomainException.Kind.NOT_FOUND, "not_found",
                () -> basket(downloads, wanted(first, "4k"))).details());
        assertEquals(List.of(), signer.signed, "nothing signed before every file is known");

        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> downloads.basket(List.of(), ada, "192.0.2.1"));
        List<Downloads.Wanted> tooMany = IntStream.range(0, Downloads.BASKET_MAX + 1).mapToObj(i -> wanted(first, "hd")).toList();
        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> downloads.basket(tooMany, ada, "192.0.2.1"));
    }

    @Test
    void aBasketAsMetalinkListsEveryFileWithItsSizeHashAndLink() throws Exception {
        String first = published("Summit");
        String second = published("Press conference");
        DownloadLink.Basket basket = basket(downloads, wanted(first, "hd"), wanted(second, "hd"));
        String xml = Metalink.of(basket, clock.instant());

        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Metalink.NAMESPACE, document.getDocumentElement().getNamespaceURI());
        assertEquals("metalink", document.getDocumentElement().getLocalName());
        NodeList fileNodes = document.getElementsByTagNameNS(Metalink.NAMESPACE, "file");
        assertEquals(2, fileNodes.getLength());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fileNodes.getLength(); i++) {
            Element file = (Element) fileNodes.item(i);
            names.add(file.getAttribute("name"));
            assertEquals("2000", text(file, "size"));
            Element hash = (Element) file.getElementsByTagNameNS(Metalink.NAMESPACE, "hash").item(0);
            assertEquals("sha-256", hash.getAttribute("type"));
            assertEquals(VideoFakes.Files.sha256(HD), hash.getTextContent());
            assertEquals(basket.items().get(i).url(), text(file, "url"));
        }
        assertEquals(List.of("summit-hd.mp4", "summit-hd (2).mp4"), names, "two files of the same name are both saved");
    }

    @Test
    void metalinkEscapesWhatXmlReserves() {
        DownloadLink.Basket basket = new DownloadLink.Basket(List.of(new DownloadLink.Item("v", "hd",
                "https://cdn.example/x?a=1&b=<2>", "2026-11-28T10:25:00Z", "a&b.mp4", 1, null)), "Video: NATO");
        String xml = Metalink.of(basket, clock.instant());
        assertTrue(xml.contains("https://cdn.example/x?a=1&amp;b=&lt;2&gt;"), xml);
        assertTrue(xml.contains("name=\"a&amp;b.mp4\""), xml);
        assertTrue(!xml.contains("<hash"), "no hash is made up for a file without one");
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(Metalink.NAMESPACE, name).item(0).getTextContent();
    }

    // ------------------------------------------------------------------ history

    @Test
    void theHistoryIsTheMembersOwnDownloadsNewestFirstPageByPage() {
        String first = published("Summit");
        String second = published("Press conference");
        download(downloads, first, "hd");
        clock.advance(Duration.ofMinutes(1));
        download(downloads, first, "sd");
        clock.advance(Duration.ofMinutes(1));
        download(downloads, second, "hd");
        downloads.download(second, Optional.of("sd"), new LiveUser("sub-cy", "cy", true), "192.0.2.3");

        DownloadLink.History page = history.page(ada, Optional.of("2"), Optional.empty());
        assertEquals(List.of(second + "/hd", first + "/sd"), page.items().stream().map(p -> p.videoId() + "/" + p.rendition()).toList());
        DownloadLink.Past newest = page.items().get(0);
        assertEquals(new DownloadLink.Past(second, "Press conference", "hd", "summit-hd.mp4", 2_000, VideoFakes.Files.sha256(HD),
                "2026-11-28T10:17:00Z"), newest);
        DownloadLink.History rest = history.page(ada, Optional.of("2"), Optional.of(page.nextCursor()));
        assertEquals(List.of(first + "/hd"), rest.items().stream().map(p -> p.videoId() + "/" + p.rendition()).toList());
        assertNull(rest.nextCursor(), "the last page");

        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> history.page(ada, Optional.empty(), Optional.of("not-a-cursor")));
        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> history.page(ada, Optional.of("0"), Optional.empty()));
    }
}
