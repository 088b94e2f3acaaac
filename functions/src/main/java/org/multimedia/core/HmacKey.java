package org.multimedia.core;

/**
 * The backend's secret HMAC key (a Secrets Manager secret, loaded once per container): code and
 * reset-token hashes, and the signature of catalogue cursors.
 */
public interface HmacKey {
    byte[] bytes();
}
