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
 * user's allowances: links per hour, and bytes per UTC day (the rendition's size, counted when
 * the link is issued). The link is signed before anything is written, and the counts and the
 * audit record are one atomic write: a download is recorded if and only if a link is handed out.
 * <p>
 * At the daily boundary a file is refused when it does not fit whole in what is left of the day's
 * bytes (a 3 GB file with 2 GB left: refused, while a smaller file may still pass); so a day never
 * counts more than the budget. A file larger than the whole budget is refused every day.
 */
@Singleton
public class Downloads {

    private static final Duration WINDOW = Duration.ofHours(1);
    /** Epoch-aligned: each window ends at midnight UTC. */
    private static final Duration DAY = Duration.ofDays(1);

    private final Catalogue catalogue;
    private final UrlSigner signer;
    private final DownloadLedger ledger;
    private final VideoSettings settings;
    private final DownloadBudgetSettings budget;
    private final Clock clock;

    public Downloads(Catalogue catalogue, UrlSigner signer, DownloadLedger ledger, VideoSettings settings,
                     DownloadBudgetSettings budget, Clock clock) {
        this.catalogue = catalogue;
        this.signer = signer;
        this.ledger = ledger;
        this.settings = settings;
        this.budget = budget;
        this.clock = clock;
    }

    /** {@code viewer}: the live caller, whose address counts as confirmed only if the user pool says so now (not the token). */
    public DownloadLink download(String videoId, Optional<String> renditionName, LiveUser viewer, String sourceIp) {
        if (!viewer.verified()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Confirm your email address to download videos.");
        }
        Video video = catalogue.visible(videoId);
        Rendition rendition = video.rendition(renditionName).orElseThrow(
                () -> DomainException.notFound("This video has no such rendition."));

        Instant now = clock.instant();
        FixedWindow day = FixedWindow.of(now, DAY);
        if (rendition.sizeBytes() > budget.bytesPerDay()) {
            throw DomainException.rateLimited("too_many_requests",
                    "This file is larger than the download volume allowed per day.", Duration.between(now, day.end()));
        }

        UrlSigner.SignedUrl link = signer.sign(Rendition.objectKey(video.id(), rendition.name()),
                rendition.contentDisposition(), settings.downloadUrlValidity());

        FixedWindow hour = FixedWindow.of(now, WINDOW);
        DownloadLedger.Outcome outcome = ledger.record(
                new DownloadLedger.Download(viewer.sub(), video.id(), rendition.name(), rendition.sizeBytes(), now, sourceIp),
                new DownloadLedger.Counter("downloads#" + viewer.sub() + "#" + hour.number(), 1, settings.maxDownloadsPerHour(), hour.end()),
                new DownloadLedger.Counter("download-bytes#" + viewer.sub() + "#" + day.number(), rendition.sizeBytes(),
                        budget.bytesPerDay(), day.end()));
        switch (outcome) {
            case LINKS_USED_UP -> throw DomainException.rateLimited("too_many_requests",
                    "You have reached the number of downloads allowed per hour. Please try again later.",
                    Duration.between(now, hour.end()));
            case BYTES_USED_UP -> throw DomainException.rateLimited("too_many_requests",
                    "You have used up the download volume allowed per day. Please try again later.",
                    Duration.between(now, day.end()));
            case RECORDED -> {
            }
        }
        return new DownloadLink(link.url(), link.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(), rendition.filename());
    }
}
