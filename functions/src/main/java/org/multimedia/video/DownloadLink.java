package org.multimedia.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code POST /videos/{id}/download} → a link, when it stops working, the file's name, size and
 * SHA-256 (to check the bytes that arrived), and the credit line to show with the footage.
 * {@code sha256} is null only for a file published before SHA-256s were recorded.
 */
@Serdeable
public record DownloadLink(String url, String expiresAt, String filename, long sizeBytes,
                           @JsonInclude(JsonInclude.Include.ALWAYS) String sha256, String credit) {

    static DownloadLink of(Downloads.Issued issued, String credit) {
        Rendition rendition = issued.file().rendition();
        return new DownloadLink(issued.link().url(), Downloads.expiry(issued.link().expiresAt()), rendition.filename(),
                rendition.sizeBytes(), rendition.sha256(), credit);
    }

    /** {@code POST /downloads/basket} → a link for each file, and the credit line. */
    @Serdeable
    public record Basket(List<Item> items, String credit) {
    }

    /** One file of a basket: which video and rendition, and its link as a single download gives it. */
    @Serdeable
    public record Item(String videoId, String rendition, String url, String expiresAt, String filename, long sizeBytes,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String sha256) {

        static Item of(Downloads.Issued issued) {
            Rendition rendition = issued.file().rendition();
            return new Item(issued.file().video().id(), rendition.name(), issued.link().url(),
                    Downloads.expiry(issued.link().expiresAt()), rendition.filename(), rendition.sizeBytes(), rendition.sha256());
        }
    }

    /** {@code GET /account/downloads}: newest first; {@code nextCursor} null on the last page. */
    @Serdeable
    public record History(@JsonInclude(JsonInclude.Include.ALWAYS) List<Past> items,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /** One past download, as it was when it was made (title, filename, size and SHA-256 then). */
    @Serdeable
    public record Past(String videoId, @JsonInclude(JsonInclude.Include.ALWAYS) String title, String rendition,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String filename, long sizeBytes,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String sha256, String downloadedAt) {

        static Past of(DownloadLedger.Past past) {
            return new Past(past.videoId(), past.title(), past.rendition(), past.filename(), past.sizeBytes(), past.sha256(),
                    Downloads.expiry(past.downloadedAt()));
        }
    }
}
