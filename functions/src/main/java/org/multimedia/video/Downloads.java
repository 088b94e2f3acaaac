package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.FixedWindow;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.TermsOfUse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Download links for confirmed accounts that accepted the conditions of use in force, one file
 * or a basket of them, each counted against the member's allowances: links per hour, and bytes
 * per UTC day. A link lives long enough to move its file at a modest speed
 * ({@link VideoSettings#downloadLinkLife}), and asking again for a file while an earlier link
 * to it still works hands out a fresh link without counting a new download (no audit record, no
 * hourly link): retries and resumed transfers are free. A file's bytes count once per UTC day.
 * <p>
 * Links are signed before anything is written, and the grants, the counts and the audit records
 * of a request are one atomic write: a download is recorded if and only if its link is handed
 * out, and a basket is counted whole or not at all.
 * <p>
 * At the daily boundary a request is refused when its files do not fit whole in what is left of
 * the day's bytes (a 3 GB file with 2 GB left: refused, while a smaller file may still pass); so
 * a day never counts more than the budget. A file larger than the whole budget is refused every day.
 */
@Singleton
public class Downloads {

    /** The most files in one basket: 3 writes each and the 2 counters stay within a DynamoDB transaction's 100 actions. */
    public static final int BASKET_MAX = 20;
    /** How many times a request is read and written again when another one for the same files got in between. */
    static final int ATTEMPTS = 3;
    private static final Duration WINDOW = Duration.ofHours(1);
    /** Epoch-aligned: each window ends at midnight UTC. */
    private static final Duration DAY = Duration.ofDays(1);

    private final Catalogue catalogue;
    private final UrlSigner signer;
    private final DownloadLedger ledger;
    private final VideoSettings settings;
    private final DownloadBudgetSettings budget;
    private final TermsOfUse terms;
    private final Clock clock;

    public Downloads(Catalogue catalogue, UrlSigner signer, DownloadLedger ledger, VideoSettings settings,
                     DownloadBudgetSettings budget, TermsOfUse terms, Clock clock) {
        this.catalogue = catalogue;
        this.signer = signer;
        this.ledger = ledger;
        this.settings = settings;
        this.budget = budget;
        this.terms = terms;
        this.clock = clock;
    }

    /** One file asked for: a video and, optionally, its rendition (else the first). */
    public record Wanted(String videoId, Optional<String> rendition) {
    }

    /**
     * {@code POST /videos/{id}/download}. {@code viewer}: the live caller, whose address counts as
     * confirmed only if the user pool says so now (not the token).
     */
    public DownloadLink download(String videoId, Optional<String> renditionName, LiveUser viewer, String sourceIp) {
        allowed(viewer);
        Video video = catalogue.visible(videoId);
        Rendition rendition = video.rendition(renditionName).orElseThrow(
                () -> DomainException.notFound("This video has no such rendition."));
        return DownloadLink.of(issue(viewer, sourceIp, List.of(new File(video, rendition))).get(0), terms.credit());
    }

    /**
     * {@code POST /downloads/basket}: a link for each file (in the order asked, each file once),
     * counted as the same downloads one by one would be, all or nothing. An unknown video or
     * rendition refuses the whole basket ({@code 404 not_found} naming it), before anything is counted.
     */
    public DownloadLink.Basket basket(List<Wanted> wanted, LiveUser viewer, String sourceIp) {
        if (wanted.isEmpty() || wanted.size() > BASKET_MAX) {
            throw DomainException.invalidRequest("'items' must hold 1 to " + BASKET_MAX + " videos.");
        }
        allowed(viewer);
        Map<String, Video> videos = catalogue.visible(wanted.stream().map(Wanted::videoId).toList());
        Map<DownloadLedger.FileKey, File> files = new LinkedHashMap<>();
        for (Wanted item : wanted) {
            Video video = videos.get(item.videoId());
            Rendition rendition = video == null ? null : video.rendition(item.rendition()).orElse(null);
            if (rendition == null) {
                throw new DomainException(DomainException.Kind.NOT_FOUND, "not_found",
                        video == null ? "There is no such video." : "This video has no such rendition.",
                        Map.of("videoId", item.videoId()), null);
            }
            files.putIfAbsent(new DownloadLedger.FileKey(video.id(), rendition.name()), new File(video, rendition));
        }
        List<DownloadLink.Item> links = issue(viewer, sourceIp, List.copyOf(files.values())).stream()
                .map(DownloadLink.Item::of).toList();
        return new DownloadLink.Basket(links, terms.credit());
    }

    /** A file of a request: the video and its rendition. */
    record File(Video video, Rendition rendition) {

        DownloadLedger.FileKey key() {
            return new DownloadLedger.FileKey(video.id(), rendition.name());
        }
    }

    /** A file and the link signed for it. */
    record Issued(File file, UrlSigner.SignedUrl link) {
    }

    private void allowed(LiveUser viewer) {
        if (!viewer.verified()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Confirm your email address to download videos.");
        }
        if (!terms.acceptedCurrent(viewer.sub())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "terms_required",
                    "Accept the conditions of use to download videos.", Map.of("version", terms.version()), null);
        }
    }

    /**
     * Signs a link for each file and records them in one write: a file whose earlier link still
     * works is a link again (not counted), a file whose bytes were counted today costs no bytes.
     * When another request for the same files got in between the read and the write, everything
     * is read and decided again ({@link #ATTEMPTS} times, then {@code 503}).
     */
    private List<Issued> issue(LiveUser viewer, String sourceIp, List<File> files) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            FixedWindow day = FixedWindow.of(now, DAY);
            FixedWindow hour = FixedWindow.of(now, WINDOW);
            for (File file : files) {
                if (file.rendition().sizeBytes() > budget.bytesPerDay()) {
                    throw DomainException.rateLimited("too_many_requests",
                            "This file is larger than the download volume allowed per day.", Duration.between(now, day.end()));
                }
            }
            Map<DownloadLedger.FileKey, DownloadLedger.Grant> grants = ledger.grants(viewer.sub(),
                    files.stream().map(File::key).toList());
            List<Issued> issued = new ArrayList<>();
            List<DownloadLedger.Entry> entries = new ArrayList<>();
            long links = 0;
            long bytes = 0;
            for (File file : files) {
                Rendition rendition = file.rendition();
                UrlSigner.SignedUrl link = signer.sign(Rendition.objectKey(file.video().id(), rendition.name()),
                        rendition.contentDisposition(), settings.downloadLinkLife(rendition.sizeBytes()));
                Optional<DownloadLedger.Grant> before = Optional.ofNullable(grants.get(file.key()));
                boolean counted = before.map(g -> !g.until().isAfter(now)).orElse(true);
                boolean countsBytes = before.map(g -> g.bytesDay() != day.number()).orElse(true);
                links += counted ? 1 : 0;
                bytes += countsBytes ? rendition.sizeBytes() : 0;
                entries.add(new DownloadLedger.Entry(
                        new DownloadLedger.Download(viewer.sub(), file.video().id(), rendition.name(), file.video().title(),
                                rendition.filename(), rendition.sizeBytes(), rendition.sha256(), now, sourceIp),
                        before, new DownloadLedger.Grant(link.expiresAt(), day.number()), counted));
                issued.add(new Issued(file, link));
            }
            DownloadLedger.Outcome outcome = ledger.record(viewer.sub(), entries,
                    new DownloadLedger.Counter("downloads#" + viewer.sub() + "#" + hour.number(), links,
                            settings.maxDownloadsPerHour(), hour.end()),
                    new DownloadLedger.Counter("download-bytes#" + viewer.sub() + "#" + day.number(), bytes,
                            budget.bytesPerDay(), day.end()));
            switch (outcome) {
                case LINKS_USED_UP -> throw DomainException.rateLimited("too_many_requests",
                        "You have reached the number of downloads allowed per hour. Please try again later.",
                        Duration.between(now, hour.end()));
                case BYTES_USED_UP -> throw DomainException.rateLimited("too_many_requests",
                        "You have used up the download volume allowed per day. Please try again later.",
                        Duration.between(now, day.end()));
                case RECORDED -> {
                    return issued;
                }
                case RACED -> {
                    // another request for the same files got in first: read their grants again
                }
            }
        }
        throw DomainException.unavailable();
    }

    static String expiry(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
