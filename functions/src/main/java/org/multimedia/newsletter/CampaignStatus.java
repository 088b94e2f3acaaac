package org.multimedia.newsletter;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a campaign is. {@link #value()} is what CampaignsTable stores and the API shows; the moves
 * between statuses are listed here ({@link #enteredFrom()}) and made by {@link CampaignService}.
 */
public enum CampaignStatus {

    /** Recorded; its first job is queued (or was lost on the way: creating it again queues it again). */
    QUEUED("queued"),
    /** Its first page was read, or a test campaign's sends were queued: recipients are being mailed. */
    SENDING("sending"),
    /** Paging done and every recipient's outcome recorded. */
    SENT("sent");

    private final String value;

    CampaignStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /**
     * The statuses a campaign may come to this one from. Straight from queued to sent is allowed:
     * a test campaign's sends can all be recorded before its {@code queued → sending} write lands.
     * Nothing leaves sent.
     */
    public Set<CampaignStatus> enteredFrom() {
        return switch (this) {
            case QUEUED -> EnumSet.noneOf(CampaignStatus.class);
            case SENDING -> EnumSet.of(QUEUED);
            case SENT -> EnumSet.of(QUEUED, SENDING);
        };
    }

    public boolean canMoveTo(CampaignStatus next) {
        return next.enteredFrom().contains(this);
    }

    /** A stored value back to its status. */
    public static CampaignStatus of(String value) {
        for (CampaignStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalStateException("Unknown campaign status: " + value);
    }
}
