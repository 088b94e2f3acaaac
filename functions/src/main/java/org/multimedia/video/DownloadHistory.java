package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.identity.LiveUser;

import java.util.Optional;

/**
 * {@code GET /account/downloads}: the caller's downloads, newest first, as they were when made
 * (the audit records). Kept by the member's identity ({@code sub}): once an account is deleted
 * nothing links them to a person, and a new account at the same address starts with none.
 */
@Singleton
public class DownloadHistory {

    private final DownloadLedger ledger;

    public DownloadHistory(DownloadLedger ledger) {
        this.ledger = ledger;
    }

    public DownloadLink.History page(LiveUser viewer, Optional<String> limit, Optional<String> cursor) {
        int size = Catalogue.limit(limit);
        DownloadLedger.HistoryPage page = ledger.history(viewer.sub(), size, cursor.map(DownloadHistoryCursor::decode));
        return new DownloadLink.History(page.items().stream().map(DownloadLink.Past::of).toList(),
                page.next().map(DownloadHistoryCursor::encode).orElse(null));
    }
}
