package org.multimedia.core;

/**
 * What an HMAC key is for. Each purpose has a secret of its own ({@link KeySettings}), and a
 * function is given (environment and role) only the secrets of the purposes its code uses, so
 * that the public catalogue function, say, can sign a cursor but no code, reset token or
 * unsubscribe link. A key is never derived from another purpose's secret: a derived key is only
 * as separate as the secret it comes from, and that secret would be in every function.
 */
public enum KeyPurpose {
    /** Hashes of the one-time codes mailed for sign-up and password reset. */
    VERIFICATION_CODES,
    /** Hashes of the reset tokens that allow setting a new password once. */
    RESET_TOKENS,
    /** Signatures of the unsubscribe links in newsletters (they never expire). */
    UNSUBSCRIBE_LINKS,
    /** Signatures of the catalogue's {@code nextCursor}. */
    CATALOGUE_CURSORS,
    /** Pseudonyms of addresses in the logs (keyed, so a list of addresses does not reverse them). */
    LOG_PSEUDONYMS
}
