package org.multimedia.video;

import org.junit.jupiter.api.BeforeEach;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacKeys;
import org.multimedia.identity.InMemoryTermsAcceptances;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.TermsOfUse;
import org.multimedia.identity.TermsSettings;
import org.multimedia.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The video feature over its in-memory ports at 10:15 UTC: a store, files, a ledger, a signer,
 * the catalogue, editing and downloads (3 links an hour), and ada, a confirmed member who
 * accepted the conditions in force; a video has an HD (2,000 bytes) and an SD (500 bytes) file.
 */
abstract class VideoWorld {

    static final int PER_HOUR = 3;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:15:00Z"));
    final VideoFakes.Store store = new VideoFakes.Store();
    final VideoFakes.Files files = new VideoFakes.Files(clock);
    final VideoFakes.Ledger ledger = new VideoFakes.Ledger();
    final VideoFakes.Signer signer = new VideoFakes.Signer(clock);
    final VideoFakes.Changes changes = new VideoFakes.Changes();
    final VideoSettings settings = new VideoSettings("videos-bucket", Duration.ofMinutes(10), Duration.ofHours(1), PER_HOUR);
    final Catalogue catalogue = new Catalogue(store, new CatalogueCursor(HmacKeys.of("cursor-key")),
            () -> new VideoFakes.Search(store), new VideoFakes.Public(), new TermsSettings(TermsSettings.DEFAULT_VERSION, "Video: NATO"), clock);
    final VideoEditing editing = new VideoEditing(store, files, catalogue, settings, () -> changes,
            new VideoFakes.Public(), clock);
    final InMemoryTermsAcceptances acceptances = new InMemoryTermsAcceptances();
    final TermsOfUse terms = acceptances.terms(clock);
    final Downloads downloads = new Downloads(catalogue, signer, ledger, settings,
            new DownloadBudgetSettings(1_000_000_000L), terms, clock);

    final LiveUser ada = new LiveUser("sub-ada", "ada", true);

    @BeforeEach
    void adaAcceptedTheTerms() {
        terms.accept(ada.sub(), TermsSettings.DEFAULT_VERSION);
    }

    static final byte[] HD = filled(2_000, 1);
    static final byte[] SD = filled(500, 2);

    static byte[] filled(int size, int value) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) value);
        return content;
    }

    static NewVideo declaration(String title, String publishedAt) {
        return new NewVideo(title, "A summary", "A description", publishedAt, 120, List.of(
                new NewVideo.NewRendition("hd", "HD 1080p", "video/mp4", HD.length, "summit-hd.mp4", VideoFakes.Files.sha256(HD)),
                new NewVideo.NewRendition("sd", "SD 480p", "video/mp4", SD.length, "summit-sd.mp4", VideoFakes.Files.sha256(SD))));
    }

    /** An editor's PUT to the rendition's upload URL (a staging key). */
    void upload(String id, String rendition, byte[] content) {
        assertTrue(files.upload("uploads/" + id + "/" + rendition, content), "S3 takes the declared bytes");
    }

    String published(String title) {
        return published(title, "2026-11-01T09:00:00Z");
    }

    /** A video an editor declared, uploaded in full and published. */
    String published(String title, String publishedAt) {
        String id = editing.create(declaration(title, publishedAt)).id();
        upload(id, "hd", HD);
        upload(id, "sd", SD);
        editing.publish(id);
        return id;
    }

    static DomainException refused(DomainException.Kind kind, String code, Runnable call) {
        DomainException e = assertThrows(DomainException.class, call::run);
        assertEquals(kind, e.kind(), e.code());
        assertEquals(code, e.code());
        return e;
    }
}
