package org.multimedia.account;

/** Source of the secret key codes and tokens are hashed with; loaded once per container. */
public interface CodeKey {
    byte[] bytes();
}
