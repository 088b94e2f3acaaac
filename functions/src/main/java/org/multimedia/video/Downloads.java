package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.FixedWindow;
import org.multimedia.identity.LiveUser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Short-lived download links for confirmed accounts, each one recorded and counted against the
 * user's hourly allowance. The link is signed before anything is written, and the count and the
 * audit record are one atomic write: a download is recorded if and only if a link is handed out.
 */
@Singleton
public class Downloads {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final Catalogue catalogue;
    private final UrlSigner signer;
    private final DownloadLedger ledger;
    private final VideoSettings settings;
    private final Clock clock;

    public Downloads(Catalogue catalogue, UrlSigner signer, DownloadLedger ledger, VideoSettings settings, Clock clock) {
        this.catalogue = catalogue;
        this.signer = signer;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code viewer}: the live caller, whose address counts as confirmed only if the user pool says so now (not the token). */
    public DownloadLink download(String videoId, Optional<String> renditionName, LiveUser viewer, String sourceIp) {
        if (!viewer.verified()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Confirm your email address to download videos.");
        }
        Video video = catalogue.published(videoId);
        Rendition rendition = video.rendition(renditionName).orElseThrow(
                () -> DomainException.notFound("This video has no such rendition."));

        UrlSigner.SignedUrl link = signer.sign(Rendition.objectKey(video.id(), rendition.name()),
                rendition.contentDisposition(), settings.downloadUrlValidity());

        Instant now = clock.instant();
        FixedWindow window = FixedWindow.of(now, WINDOW);
        boolean counted = ledger.record(new DownloadLedger.Download(viewer.sub(), video.id(), rendition.name(), now, sourceIp),
                "downloads#" + viewer.sub() + "#" + window.number(), settings.maxDownloadsPerHour(), window.end());
        if (!counted) {
            throw DomainException.rateLimited("too_many_requests",
                    "You have reached the number of downloads allowed per hour. Please try again later.",
                    Duration.between(now, window.end()));
        }
        return new DownloadLink(link.url(), link.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(), rendition.filename());
    }
}
