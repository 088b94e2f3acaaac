package org.multimedia.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The Secrets Manager secret of each {@link KeyPurpose} ({@code KEYS_*_SECRET_ID}), each set only
 * for the functions whose code uses that purpose (template.yaml); unset, the function holds no key
 * for it and asking for one is an error.
 */
@ConfigurationProperties("keys")
public record KeySettings(
        @Nullable String verificationCodesSecretId,
        @Nullable String resetTokensSecretId,
        @Nullable String unsubscribeLinksSecretId,
        @Nullable String catalogueCursorsSecretId,
        @Nullable String logPseudonymsSecretId) {

    /** The secret of that purpose, or null when this function is not given one. */
    public @Nullable String secretId(KeyPurpose purpose) {
        return switch (purpose) {
            case VERIFICATION_CODES -> verificationCodesSecretId;
            case RESET_TOKENS -> resetTokensSecretId;
            case UNSUBSCRIBE_LINKS -> unsubscribeLinksSecretId;
            case CATALOGUE_CURSORS -> catalogueCursorsSecretId;
            case LOG_PSEUDONYMS -> logPseudonymsSecretId;
        };
    }
}
