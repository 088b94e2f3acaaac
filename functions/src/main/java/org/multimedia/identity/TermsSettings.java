package org.multimedia.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.regex.Pattern;

/**
 * {@code TERMS_VERSION}, {@code TERMS_CREDIT} (template parameters TermsVersion, CreditLine): the
 * conditions of use in force and the credit line shown with the footage. The texts of a version
 * are {@code terms/{version}.en.txt} and {@code .fr.txt} on the class path: publishing a new
 * version (new texts, then the parameter) asks every member to accept again.
 */
@ConfigurationProperties("terms")
public record TermsSettings(@Bindable(defaultValue = TermsSettings.DEFAULT_VERSION) String version,
                            @Bindable(defaultValue = "Video: NATO") String credit) {

    /** The version this build ships texts for, and template.yaml's default. */
    public static final String DEFAULT_VERSION = "2026-12-01";
    /** What a version may be (template.yaml's AllowedPattern of TermsVersion says the same). */
    public static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.-]{1,32}");
}
