package org.multimedia.newsletter;

/**
 * Addresses no campaign may mail (permanent bounces, complaints).
 * (Port of the shared design; the subscriptions part owns it — this copy has exactly its signatures.)
 */
public interface Suppressions {
    boolean isSuppressed(String email);
    void suppress(String email, String reason, String feedbackId);
}
