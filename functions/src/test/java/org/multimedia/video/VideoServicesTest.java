package org.multimedia.video;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.identity.Language;
import org.multimedia.identity.InMemoryTermsAcceptances;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.TermsSettings;
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
class VideoServicesTest extends VideoWorld {

    // ------------------------------------------------------------------ issue 20: posters, previews, languages, schedule, search

    private static final byte[] POSTER = MediaProbeTest.bytes("poster.jpg");
    private static final byte[] PREVIEW = MediaProbeTest.bytes("preview-360p.mp4");

    /** A declaration with a poster and a preview (no SHA-256 declared for them) and a French title and summary. */
    private static NewVideo illustrated(String title, String posterType) {
        NewVideo plain = declaration(title, "2026-11-01T09:00:00Z");
        return new NewVideo(plain.title(), plain.summary(), plain.description(), plain.publishedAt(), plain.durationSeconds(),
                plain.renditions(), Map.of("fr", new NewVideo.NewTranslation("Sommet des ministres", "Un résumé", null)),
                new NewVideo.NewMedia("summit.jpg", posterType, POSTER.length, null),
                new NewVideo.NewMedia("summit-preview.mp4", "video/mp4", PREVIEW.length, null));
    }

    private String uploadedIllustrated(String title) {
        String id = editing.create(illustrated(title, "image/jpeg")).id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        files.overwrite("uploads/" + id + "/poster", POSTER);
        files.overwrite("uploads/" + id + "/preview", PREVIEW);
        return id;
    }

    private static CatalogueQuery query(String q, String from, String to, String min, String max, String status) {
        return new CatalogueQuery(Optional.empty(), Optional.empty(), Optional.ofNullable(q), Optional.ofNullable(from),
                Optional.ofNullable(to), Optional.ofNullable(min), Optional.ofNullable(max), Optional.ofNullable(status));
    }

    private List<String> ids(CatalogueQuery query, Language language) {
        return catalogue.list(query, language).items().stream().map(VideoView::id).toList();
    }

    @Test
    void aPosterAndAPreviewAreUploadedBesideTheRenditionsAndPublishedAsPublicFilesWithTheirSizeInPixels() {
        CreatedVideo created = editing.create(illustrated("Summit", "image/jpeg"));
        assertEquals(List.of("hd", "sd", "poster", "preview"),
                created.uploads().stream().map(CreatedVideo.UploadView::rendition).toList());
        assertEquals("inline; filename=\"summit.jpg\"", created.uploads().get(2).headers().get("Content-Disposition"),
                "a poster is shown, not saved");
        String id = created.id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        DomainException missing = refused(DomainException.Kind.CONFLICT, "upload_missing", () -> editing.publish(id));
        assertEquals(Map.of("renditions", List.of("poster", "preview")), missing.details());

        files.overwrite("uploads/" + id + "/poster", POSTER);
        files.overwrite("uploads/" + id + "/preview", PREVIEW);
        VideoView shown = editing.publish(id);
        assertArrayEquals(POSTER, files.objects.get("public/" + id + "/poster"));
        assertArrayEquals(PREVIEW, files.objects.get("public/" + id + "/preview"));
        assertNull(files.objects.get("uploads/" + id + "/poster"), "staged copies are deleted");
        MediaProbe.Media poster = MediaProbe.probe(POSTER).orElseThrow();
        assertEquals(new VideoView.PosterView("https://videos.example/public/" + id + "/poster", poster.width(), poster.height()),
                shown.poster());
        VideoView listed = catalogue.list(Optional.empty(), Optional.empty()).items().get(0);
        assertEquals(shown.poster(), listed.poster());
        assertEquals(new VideoView.PreviewView("https://videos.example/public/" + id + "/preview", "video/mp4",
                MediaProbe.probe(PREVIEW).orElseThrow().durationSeconds()), listed.preview());
        assertEquals(VideoFakes.Files.sha256(POSTER), store.videos.get(id).poster().sha256(), "recorded at publish");
    }

    @Test
    void aPosterThatIsNotAnImageOfItsDeclaredTypeOrAPreviewOver720LinesIsRefusedAndNothingOfItIsServed() {
        byte[] fullHd = MediaProbeTest.bytes("preview-1080p.mp4");
        NewVideo plain = declaration("Summit", "2026-11-01T09:00:00Z");
        String id = editing.create(new NewVideo(plain.title(), plain.summary(), plain.description(), plain.publishedAt(), 10,
                plain.renditions(), null, new NewVideo.NewMedia("p.png", "image/png", POSTER.length, null), // the bytes are a JPEG
                new NewVideo.NewMedia("p.mp4", "video/mp4", fullHd.length, null))).id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        files.overwrite("uploads/" + id + "/poster", POSTER);
        files.overwrite("uploads/" + id + "/preview", fullHd);
        DomainException e = refused(DomainException.Kind.CONFLICT, "invalid_media", () -> editing.publish(id));
        assertEquals(Map.of("renditions", List.of("poster", "preview")), e.details());
        assertNull(files.objects.get("public/" + id + "/poster"));
        assertNull(files.objects.get("public/" + id + "/preview"));
        assertEquals(Video.Status.DRAFT, store.videos.get(id).status());
    }

    @Test
    void theRenditionNamesPosterAndPreviewAndOversizedPostersAreRefusedAtDeclaration() {
        NewVideo plain = declaration("Summit", "2026-11-01T09:00:00Z");
        NewVideo clash = new NewVideo(plain.title(), plain.summary(), plain.description(), plain.publishedAt(), 10,
                List.of(new NewVideo.NewRendition("poster", "Poster", "video/mp4", 10, "a.mp4", VideoFakes.Files.sha256(HD))));
        assertTrue(refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> editing.create(clash)).getMessage()
                .contains("renditions[0].name"));
        NewVideo big = new NewVideo(plain.title(), plain.summary(), plain.description(), plain.publishedAt(), 10,
                plain.renditions(), null, new NewVideo.NewMedia("p.jpg", "image/jpeg", (2L << 20) + 1, null), null);
        assertTrue(refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> editing.create(big)).getMessage()
                .contains("poster.sizeBytes"));
        NewVideo gif = new NewVideo(plain.title(), plain.summary(), plain.description(), plain.publishedAt(), 10,
                plain.renditions(), null, new NewVideo.NewMedia("p.gif", "image/gif", 10, null), null);
        assertTrue(refused(DomainException.Kind.BAD_REQUEST, "invalid_request", () -> editing.create(gif)).getMessage()
                .contains("poster.mimeType"));
    }

    @Test
    void theCatalogueAnswersInTheLanguageAskedFieldByFieldFallingBackToEnglish() {
        String id = uploadedIllustrated("Summit");
        editing.publish(id);
        VideoView french = catalogue.get(id, Language.FR);
        assertEquals("fr", french.language());
        assertEquals("Sommet des ministres", french.title());
        assertEquals("Un résumé", french.summary());
        assertEquals("A description", french.description(), "no French description: the English one");
        VideoView english = catalogue.get(id, Language.EN);
        assertEquals("Summit", english.title());
        assertEquals("en", catalogue.list(Optional.empty(), Optional.empty()).language());
    }

    @Test
    void aScheduledVideoIsHiddenEverywhereUntilItsTimeThenAppearsByItselfWithThatTimeAsPublishedAt() {
        String id = uploadedIllustrated("Embargoed");
        String at = "2026-11-28T11:00:00Z"; // 45 minutes after the clock
        VideoView scheduled = editing.publish(id, Optional.of(at));
        assertEquals("scheduled", scheduled.status());
        assertEquals(at, scheduled.publishedAt());
        assertEquals(List.of(), ids(query(null, null, null, null, null, null), Language.EN));
        assertEquals(List.of(), ids(query("embargoed", null, null, null, null, null), Language.EN), "nor in a search");
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> catalogue.get(id));
        refused(DomainException.Kind.NOT_FOUND, "not_found", () -> downloads.download(id, Optional.empty(), ada, "192.0.2.1"));
        assertEquals(List.of(id), ids(query(null, null, null, null, null, "scheduled"), Language.EN), "editors see it");
        assertEquals("scheduled", catalogue.list(query(null, null, null, null, null, "scheduled"), Language.EN).items().get(0).status());
        assertEquals(Duration.ofSeconds(30), catalogue.freshFor(query(null, null, null, null, null, null)));

        clock.advance(Duration.ofMinutes(44).plusSeconds(50));
        assertEquals(Duration.ofSeconds(10), catalogue.freshFor(query(null, null, null, null, null, null)),
                "no page is cached past the moment it changes");
        assertEquals(Duration.ofSeconds(10), catalogue.freshFor(query("summit", null, null, null, null, null)), "nor a search");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(id), ids(query(null, null, null, null, null, null), Language.EN));
        assertEquals(at, catalogue.get(id).publishedAt(), "publishedAt is the time set, not the click");
        assertEquals(List.of(id), ids(query("embargoed", null, null, null, null, null), Language.EN));
        downloads.download(id, Optional.empty(), ada, "192.0.2.1");
        assertEquals(List.of(), ids(query(null, null, null, null, null, "scheduled"), Language.EN));
    }

    @Test
    void publishAtMustBeAFutureInstantWithinAYear() {
        String id = uploadedIllustrated("Summit");
        for (String bad : List.of("2026-11-28T10:14:59Z", "tomorrow", "2028-01-01T00:00:00Z")) {
            assertTrue(refused(DomainException.Kind.BAD_REQUEST, "invalid_request",
                    () -> editing.publish(id, Optional.of(bad))).getMessage().contains("publishAt"), bad);
        }
        assertEquals(Video.Status.DRAFT, store.videos.get(id).status(), "nothing was written");
    }

    @Test
    void editorsListDraftsAndOnlyDrafts() {
        String draft = editing.create(declaration("Draft", "2026-11-02T09:00:00Z")).id();
        published("Out", "2026-11-01T09:00:00Z");
        assertEquals(List.of(draft), ids(query(null, null, null, null, null, "draft"), Language.EN));
        assertEquals("draft", catalogue.list(query(null, null, null, null, null, "draft"), Language.EN).items().get(0).status());
    }

    @Test
    void aSearchFindsVideosByWordsInEitherLanguageWithFiltersNewestFirst() {
        String summit = uploadedIllustrated("Summit in Madrid");
        editing.publish(summit);
        String other = published("Exercise Cold Response", "2026-10-01T09:00:00Z");
        assertEquals(List.of(summit), ids(query("madrid", null, null, null, null, null), Language.EN));
        assertEquals(List.of(summit), ids(query("MINISTRES", null, null, null, null, null), Language.FR), "the French title");
        assertEquals(List.of(), ids(query("madrid exercise", null, null, null, null, null), Language.EN), "all words must match");
        assertEquals(List.of(summit, other), ids(query(null, "2026-10-01", null, null, null, null), Language.EN));
        assertEquals(List.of(other), ids(query(null, null, "2026-10-01", null, null, null), Language.EN), "a 'to' day includes it all");
        assertEquals(List.of(summit, other), ids(query(null, null, null, "120", "120", null), Language.EN));
        assertEquals(List.of(), ids(query(null, null, null, "121", null, null), Language.EN));
    }

    @Test
    void badSearchParametersAreRefusedNamingTheParameter() {
        Map<String, CatalogueQuery> bad = new java.util.LinkedHashMap<>();
        bad.put("'from'", query(null, "16/06/2022", null, null, null, null));
        bad.put("'to'", query(null, "2022-06-17", "2022-06-16", null, null, null));
        bad.put("'minDuration'", query(null, null, null, "-1", null, null));
        bad.put("'maxDuration'", query(null, null, null, "60", "59", null));
        bad.put("'q'", query("x".repeat(201), null, null, null, null, null));
        bad.put("'status'", query(null, null, null, null, null, "published"));
        bad.put("'status' lists", query("madrid", null, null, null, null, "draft"));
        bad.forEach((name, q) -> assertTrue(refused(DomainException.Kind.BAD_REQUEST, "invalid_request",
                () -> catalogue.list(q, Language.EN)).getMessage().contains(name), name));
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
