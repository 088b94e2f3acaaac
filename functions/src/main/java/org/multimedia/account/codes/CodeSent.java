package org.multimedia.account.codes;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to every request that (maybe) emailed a code: the same whether or not an account exists. */
@Serdeable
public record CodeSent(String status, long expiresInSeconds) {
}
