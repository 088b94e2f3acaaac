package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The campaign records (CampaignsTable). Every counter changes with an atomic {@code ADD}; a page
 * is counted once (conditional on the page number), so {@code recipients} never double-counts.
 * {@code pending} = recipients counted minus outcomes recorded. Which status may follow which is
 * {@link CampaignStatus}'s and {@link CampaignService}'s business: a status change here is a
 * conditional write that does what it is told.
 */
public interface Campaigns {

    /** What a new campaign is: its content never changes after creation. */
    record Content(String campaignId, String subject, String html, String text, @Nullable String language,
                   List<String> testRecipients) {

        /** A test send goes to {@code testRecipients} only, never to the list. */
        public boolean test() {
            return !testRecipients.isEmpty();
        }
    }

    record Campaign(Content content, CampaignStatus status, long recipients, long sent, long failed, long suppressed) {
    }

    /**
     * Writes the record if no campaign has this id (conditional put): {@code false} if one exists.
     * A test campaign is created with its recipients counted and paging done.
     */
    boolean create(Content content, CampaignStatus status, String createdBy, Instant at);

    /** Sets {@code to} if the status is one of {@code from} (a conditional write); {@code false} if it was not. */
    boolean changeStatus(String campaignId, Set<CampaignStatus> from, CampaignStatus to);

    Optional<Campaign> find(String campaignId);

    /**
     * Counts page number {@code page} (0, 1, ...) once: adds {@code recipients} to recipients and
     * pending, and with the last page marks paging done.
     * Returns {@code false} (changing nothing) when that page was already counted.
     */
    boolean countPage(String campaignId, int page, int recipients, boolean last);

    /**
     * As {@link #changeStatus}, and only once paging is done and nothing is pending; records
     * {@code at} as the time it finished ({@code sentAt}).
     */
    boolean finishIfDone(String campaignId, Set<CampaignStatus> from, CampaignStatus to, Instant at);
}
