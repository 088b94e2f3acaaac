package org.multimedia.video;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.identity.LiveUser;
import org.multimedia.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The video feature's decisions over in-memory ports (no AWS): who may download what, how many
 * times an hour and how many bytes a day, when a draft may be published, and which changes of the
 * catalogue are announced for the edge cache.
 */
class VideoServicesTest {

    private static final int PER_HOUR = 3;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:15:00Z"));
    private final VideoFakes.Store store = new VideoFakes.Store();
    private final VideoFakes.Files files = new VideoFakes.Files(clock);
    private final VideoFakes.Ledger ledger = new VideoFakes.Ledger();
    private final VideoFakes.Signer signer = new VideoFakes.Signer(clock);
    private final VideoFakes.Changes changes = new VideoFakes.Changes();
    private final VideoSettings settings = new VideoSettings("videos-bucket", Duration.ofMinutes(10), Duration.ofHours(1), PER_HOUR);
    private final Catalogue catalogue = new Catalogue(store, new CatalogueCursor(HmacKeys.of("cursor-key")),
            () -> new VideoFakes.Search(store), new VideoFakes.Public(), clock);
    private final VideoEditing editing = new VideoEditing(store, files, catalogue, settings, () -> changes,
            new VideoFakes.Public(), clock);
    private final Downloads downloads = new Downloads(catalogue, signer, ledger, settings,
            new DownloadBudgetSettings(1_000_000_000L), clock);

    private final LiveUser ada = new LiveUser("sub-ada", "ada", true);

    private static final byte[] HD = filled(2_000, 1);
    private static final byte[] SD = filled(500, 2);

    private static byte[] filled(int size, int value) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) value);
        return content;
    }

    private static NewVideo declaration(String title, String publishedAt) {
        return new NewVideo(title, "A summary", "A description", publishedAt, 120, List.of(
                new NewVideo.NewRendition("hd", "HD 1080p", "video/mp4", HD.length, "summit-hd.mp4", VideoFakes.Files.sha256(HD)),
                new NewVideo.NewRendition("sd", "SD 480p", "video/mp4", SD.length, "summit-sd.mp4", VideoFakes.Files.sha256(SD))));
    }

    /** An editor's PUT to the rendition's upload URL (a staging key). */
    private void upload(String id, String rendition, byte[] content) {
        assertTrue(files.upload("uploads/" + id + "/" + rendition, content), "S3 takes the declared bytes");
    }

    /** A video an editor declared, uploaded in full and published. */
    private String published(String title, String publishedAt) {
        String id = editing.create(declaration(title, publishedAt)).id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        editing.publish(id);
        return id;
    }

    private static DomainException refused(DomainException.Kind kind, String code, Runnable call) {
        DomainException e = assertThrows(DomainException.class, call::run);
        assertEquals(kind, e.kind(), e.code());
        assertEquals(code, e.code());
        return e;
    }

    // ------------------------------------------------------------------ editing

    @Test
    void aDeclaredVideoIsADraftWithOneUploadLinkPerFileAndIsShownToNobody() {
        CreatedVideo created = editing.create(declaration("Summit", "2026-11-01T09:00:00Z"));
        assertEquals("draft", created.status());
        assertEquals(List.of("hd", "sd"), created.uploads().stream().map(CreatedVideo.UploadView::rendition).toList());
        assertEquals(List.of("uploads/" + created.id() + "/hd", "uploads/" + created.id() + "/sd"), files.presigned,
                "uploads go to staging keys, never to the keys downloads read");
        CreatedVideo.UploadView hd = created.uploads().get(0);
        assertEquals("PUT", hd.method());
        assertEquals("attachment; filename=\"summit-hd.mp4\"", hd.headers().get("Content-Disposition"));
        assertEquals(VideoFakes.Files.sha256(HD), hd.headers().get("x-amz-checksum-sha256"), "the declared SHA-256 is signed in");
        assertEquals("2026-11-28T11:15:00Z", hd.expiresAt(), "the upload link lasts uploadUrlValidity");

        assertEquals(Video.Status.DRAFT, store.videos.get(created.id()).status());
        assertEquals(List.of(), catalogue.list(Optional.empty(), Optional.empty()).items());
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> catalogue.get(created.id()));
    }

    @Test
    void publishingWaitsUntilEveryFileIsUploadedWithItsDeclaredSize() {
        String id = editing.create(declaration("Summit", "2026-11-01T09:00:00Z")).id();

        DomainException none = refused(DomainException.Kind.CONFLICT, "upload_missing", () -> editing.publish(id));
        assertEquals(Map.of("renditions", List.of("hd", "sd")), none.details());

        upload(id, "hd", HD);
        files.overwrite("uploads/" + id + "/sd", Arrays.copyOf(SD, 499)); // cut short
        DomainException partial = refused(DomainException.Kind.CONFLICT, "upload_missing", () -> editing.publish(id));
        assertEquals(Map.of("renditions", List.of("sd")), partial.details());
        assertEquals(Video.Status.DRAFT, store.videos.get(id).status(), "still a draft");
        assertEquals(List.of(), catalogue.list(Optional.empty(), Optional.empty()).items());

        upload(id, "sd", SD);
        VideoView shown = editing.publish(id);
        assertEquals("published", shown.status());
        assertEquals(List.of(id), catalogue.list(Optional.empty(), Optional.empty()).items().stream().map(VideoView::id).toList());
    }

    @Test
    void publishCopiesEachStagedUploadToThePublishedKeyAndShowsItsSha256() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        assertEquals(List.of("uploads/" + id + "/hd -> videos/" + id + "/hd", "uploads/" + id + "/sd -> videos/" + id + "/sd"),
                files.copies);
        assertArrayEquals(HD, files.objects.get("videos/" + id + "/hd"));
        assertArrayEquals(SD, files.objects.get("videos/" + id + "/sd"));
        assertNull(files.objects.get("uploads/" + id + "/hd"), "the staged upload is deleted once copied");
        assertEquals(List.of(VideoFakes.Files.sha256(HD), VideoFakes.Files.sha256(SD)),
                catalogue.get(id).renditions().stream().map(VideoView.RenditionView::sha256).toList());
        downloads.download(id, Optional.of("sd"), ada, "192.0.2.1");
        assertEquals(List.of("videos/" + id + "/sd"), signer.signed, "links name the published key only");
    }

    @Test
    void aPutToTheOldUploadUrlAfterPublishChangesNothingThatIsServed() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        byte[] replacement = filled(HD.length, 9);
        assertFalse(files.upload("uploads/" + id + "/hd", replacement), "S3 refuses other bytes under the signed SHA-256");
        files.overwrite("uploads/" + id + "/hd", replacement); // and where it does not check (moto), nothing is served from there
        assertArrayEquals(HD, files.objects.get("videos/" + id + "/hd"));

        editing.unpublish(id);
        editing.publish(id); // again: the checked copy stays, the staging key is not read
        assertArrayEquals(HD, files.objects.get("videos/" + id + "/hd"));
        assertEquals(2, files.copies.size(), "no second copy");
    }

    @Test
    void publishRefusesAFileWhoseSha256IsNotTheDeclaredOneAndServesNothingOfIt() {
        String id = editing.create(declaration("Summit", "2026-11-01T09:00:00Z")).id();
        upload(id, "hd", HD);
        files.overwrite("uploads/" + id + "/sd", filled(SD.length, 7)); // the declared size, other bytes

        DomainException mismatch = refused(DomainException.Kind.CONFLICT, "checksum_mismatch", () -> editing.publish(id));
        assertEquals(Map.of("renditions", List.of("sd")), mismatch.details());
        assertNull(files.objects.get("videos/" + id + "/sd"), "the wrong copy is deleted");
        assertEquals(Video.Status.DRAFT, store.videos.get(id).status());
        assertEquals(List.of(), changes.queued);

        upload(id, "sd", SD);
        assertEquals("published", editing.publish(id).status());
        assertArrayEquals(SD, files.objects.get("videos/" + id + "/sd"));
    }

    @Test
    void aRenditionDeclaredBeforeSha256sPublishesFromThePublishedKeyAsBefore() {
        String id = "0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b91";
        store.create(new Video(id, "Old", "s", "d", Instant.parse("2020-01-01T00:00:00Z"), 10,
                List.of(new Rendition("hd", "HD", "video/mp4", 3, "old.mp4", null)), Video.Status.UNPUBLISHED));
        refused(DomainException.Kind.CONFLICT, "upload_missing", () -> editing.publish(id));
        files.overwrite("videos/" + id + "/hd", new byte[3]);
        editing.publish(id);
        assertNull(catalogue.get(id).renditions().get(0).sha256(), "no SHA-256 is made up");
        assertEquals(List.of(), files.copies);
    }

    @Test
    void anUnpublishedVideoIsNeitherListedNorDownloadableAndPublishingAgainBringsItBack() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        editing.unpublish(id);
        assertEquals(List.of(), catalogue.list(Optional.empty(), Optional.empty()).items());
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> catalogue.get(id));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> downloads.download(id, Optional.empty(), ada, "192.0.2.1"));
        assertEquals(List.of(), signer.signed, "no link signed for an unpublished video");
        assertEquals(List.of(), ledger.downloads);

        editing.publish(id); // the files stayed in the bucket
        assertEquals(id, catalogue.get(id).id());
    }

    @Test
    void editingAVideoThatDoesNotExistIsNotFound() {
        String unknown = "0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90";
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> editing.publish(unknown));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> editing.unpublish(unknown));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> editing.unpublish("../not-an-id"));
        assertTrue(store.videos.isEmpty());
    }

    // ------------------------------------------------------------------ catalogue

    @Test
    void theCatalogueListsPublishedVideosNewestFirstPageByPage() {
        String oldest = published("Oldest", "2024-01-01T00:00:00Z");
        String middle = published("Middle", "2025-01-01T00:00:00Z");
        String newest = published("Newest", "2026-01-01T00:00:00Z");
        editing.create(declaration("Draft", "2026-06-01T00:00:00Z")); // never listed

        VideoPage first = catalogue.list(Optional.of("2"), Optional.empty());
        assertEquals(List.of(newest, middle), first.items().stream().map(VideoView::id).toList());
        assertNull(first.items().get(0).description(), "lists carry no description");
        assertNotNull(first.nextCursor());
        VideoPage second = catalogue.list(Optional.of("2"), Optional.of(first.nextCursor()));
        assertEquals(List.of(oldest), second.items().stream().map(VideoView::id).toList());
        assertNull(second.nextCursor(), "the last page");
        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> catalogue.list(Optional.of("51"), Optional.empty()));
        refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> catalogue.list(Optional.empty(), Optional.of("forged.cursor")));
    }

    // ------------------------------------------------------------------ downloads

    @Test
    void aConfirmedViewerGetsAShortLivedLinkAndTheDownloadIsRecorded() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        DownloadLink link = downloads.download(id, Optional.of("sd"), ada, "192.0.2.1");
        assertEquals("summit-sd.mp4", link.filename());
        assertEquals("https://cdn.example/videos/" + id + "/sd?Signature=fake", link.url());
        assertEquals("2026-11-28T10:25:00Z", link.expiresAt(), "downloadUrlValidity, to the second");
        assertEquals(List.of(new DownloadLedger.Download("sub-ada", id, "sd", 500, clock.instant(), "192.0.2.1")), ledger.downloads);

        DownloadLink first = downloads.download(id, Optional.empty(), ada, "192.0.2.1");
        assertEquals("summit-hd.mp4", first.filename(), "no rendition named: the first one");
    }

    @Test
    void anUnconfirmedViewerAnUnknownRenditionAndADraftGetNoLinkAndUseNoAllowance() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        String draft = editing.create(declaration("Draft", "2026-11-02T09:00:00Z")).id();
        LiveUser unconfirmed = new LiveUser("sub-bob", "bob", false);

        refused(DomainException.Kind.FORBIDDEN, "not_verified", () -> downloads.download(id, Optional.empty(), unconfirmed, "192.0.2.2"));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> downloads.download(id, Optional.of("4k"), ada, "192.0.2.1"));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> downloads.download(draft, Optional.empty(), ada, "192.0.2.1"));
        assertEquals(List.of(), signer.signed);
        assertEquals(List.of(), ledger.downloads);
        assertTrue(ledger.counters.isEmpty());
    }

    @Test
    void theHourlyAllowanceRefusesTheNextDownloadUntilTheHourEnds() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        for (int i = 0; i < PER_HOUR; i++) {
            downloads.download(id, Optional.empty(), ada, "192.0.2.1");
        }
        DomainException limited = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> downloads.download(id, Optional.empty(), ada, "192.0.2.1"));
        assertEquals(Duration.ofMinutes(45), limited.retryAfter(), "until the window ends at 11:00");
        assertEquals(PER_HOUR, ledger.downloads.size(), "the refused one is not recorded");

        // another person's allowance is their own
        downloads.download(id, Optional.empty(), new LiveUser("sub-cy", "cy", true), "192.0.2.3");

        clock.advance(Duration.ofMinutes(45));
        downloads.download(id, Optional.empty(), ada, "192.0.2.1");
        assertEquals(PER_HOUR + 2, ledger.downloads.size(), "a new hour, a new allowance");
    }

    // ------------------------------------------------------------------ daily byte budget

    /** A budget of 5,000 bytes a day (hd: 2,000 bytes, sd: 500), and links enough an hour not to interfere. */
    private Downloads withDailyBytes(long bytesPerDay) {
        return new Downloads(catalogue, signer, ledger, new VideoSettings("videos-bucket", Duration.ofMinutes(10),
                Duration.ofHours(1), 100), new DownloadBudgetSettings(bytesPerDay), clock);
    }

    @Test
    void theDailyByteBudgetRefusesTheDownloadThatWouldCrossItUntilMidnightUtc() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        Downloads budgeted = withDailyBytes(5_000);
        budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1");
        budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1"); // 4,000 of 5,000

        DomainException crossing = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1"));
        assertEquals("You have used up the download volume allowed per day. Please try again later.", crossing.getMessage());
        assertEquals(Duration.ofHours(13).plusMinutes(45), crossing.retryAfter(), "from 10:15 to midnight UTC");
        assertEquals(Map.of("retryAfterSeconds", 49_500L), crossing.details());
        assertEquals(2, ledger.downloads.size(), "the refused one is not recorded");
        assertEquals(2, signer.signed.size() - 1, "signed, but not handed out");

        // a file that fits in what is left still passes, up to the budget exactly
        budgeted.download(id, Optional.of("sd"), ada, "192.0.2.1");
        budgeted.download(id, Optional.of("sd"), ada, "192.0.2.1"); // 5,000 of 5,000
        refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> budgeted.download(id, Optional.of("sd"), ada, "192.0.2.1"));
        assertEquals(4, ledger.downloads.size());

        // another person's budget is their own
        budgeted.download(id, Optional.of("hd"), new LiveUser("sub-cy", "cy", true), "192.0.2.3");

        clock.advance(Duration.ofHours(13).plusMinutes(45)); // 00:00 UTC, the next day
        budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1");
        assertEquals(6, ledger.downloads.size(), "a new day, a new budget");
    }

    @Test
    void aFileLargerThanTheWholeDailyBudgetIsRefusedBeforeAnythingIsSignedOrWritten() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        Downloads budgeted = withDailyBytes(1_000);
        DomainException tooLarge = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1"));
        assertEquals("This file is larger than the download volume allowed per day.", tooLarge.getMessage());
        assertEquals(List.of(), signer.signed);
        assertTrue(ledger.counters.isEmpty());
        assertEquals("summit-sd.mp4", budgeted.download(id, Optional.of("sd"), ada, "192.0.2.1").filename());
    }

    @Test
    void whenBothAllowancesAreUsedUpTheAnswerWaitsForTheDay() {
        String id = published("Summit", "2026-11-01T09:00:00Z");
        Downloads budgeted = new Downloads(catalogue, signer, ledger, settings, new DownloadBudgetSettings(6_000), clock);
        for (int i = 0; i < PER_HOUR; i++) {
            budgeted.download(id, Optional.of("hd"), ada, "192.0.2.1"); // 3 links, 6,000 bytes
        }
        DomainException limited = refused(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_requests",
                () -> budgeted.download(id, Optional.of("sd"), ada, "192.0.2.1"));
        assertEquals(Duration.ofHours(13).plusMinutes(45), limited.retryAfter());
    }

    // ------------------------------------------------------------------ catalogue changes

    @Test
    void publishingAndUnpublishingAnnounceTheChangeAfterTheWriteAndADraftOrARefusalDoesNot() {
        String id = editing.create(declaration("Summit", "2026-11-01T09:00:00Z")).id();
        refused(DomainException.Kind.CONFLICT, "upload_missing", () -> editing.publish(id));
        assertEquals(List.of(), changes.queued, "creating a draft and a refused publish change no catalogue");

        upload(id, "hd", HD);
        upload(id, "sd", SD);
        editing.publish(id);
        editing.unpublish(id);
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> editing.unpublish("0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90"));
        assertEquals(List.of(id, id), changes.queued);
    }

    @Test
    void aChangeThatCannotBeQueuedFailsNeitherThePublishNorItsWrite() {
        String id = editing.create(declaration("Summit", "2026-11-01T09:00:00Z")).id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        changes.failing = true;
        assertEquals("published", editing.publish(id).status());
        assertEquals(Video.Status.PUBLISHED, store.videos.get(id).status());
        editing.unpublish(id);
        assertEquals(Video.Status.UNPUBLISHED, store.videos.get(id).status());
    }

    @Test
    void aBatchOfChangesIsOneInvalidationOfTheCatalogueAndNoDistributionMeansNone() {
        VideoFakes.Edge edge = new VideoFakes.Edge();
        CatalogueInvalidation invalidation = new CatalogueInvalidation(edge, new PortalDistributionSettings("E2EXAMPLE"));
        invalidation.invalidate(List.of("v1", "v2", "v1"), "catalogue-batch-1");
        invalidation.invalidate(List.of(), "catalogue-batch-2");
        assertEquals(List.of(new VideoFakes.Edge.Invalidation("E2EXAMPLE", List.of("/videos*"), "catalogue-batch-1")),
                edge.invalidations, "one path covers the list with any query and every video");

        edge.failing = true;
        assertThrows(IllegalStateException.class, () -> invalidation.invalidate(List.of("v3"), "catalogue-batch-3"),
                "a refusal comes back to the queue: the batch is retried");

        for (String none : new String[]{"", null}) {
            CatalogueInvalidation local = new CatalogueInvalidation(edge, new PortalDistributionSettings(none));
            local.invalidate(List.of("v1"), "catalogue-batch-4");
            local.invalidate(List.of("v2"), "catalogue-batch-5");
        }
        assertEquals(1, edge.invalidations.size(), "without a distribution nothing is asked of the edge");
    }
}
