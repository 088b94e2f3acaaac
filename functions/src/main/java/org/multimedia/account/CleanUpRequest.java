package org.multimedia.account;

/**
 * The event of UnconfirmedCleanUpFunction: EventBridge's scheduled event (its fields are not
 * needed: the run is the same whenever it comes), or the {@link org.multimedia.core.KeepAlive}
 * event ({@code keepAlive: true}). A plain bean: the Lambda runtime binds the event to it and
 * ignores the properties it does not declare.
 */
public class CleanUpRequest {

    private Boolean keepAlive;

    public Boolean getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Boolean keepAlive) {
        this.keepAlive = keepAlive;
    }
}
