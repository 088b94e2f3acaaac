package org.multimedia.operations.site;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code SITE_*}: the bucket the website is published to (template.yaml: {@code SITE_BUCKET: !Ref SiteBucket}). */
@ConfigurationProperties("site")
public record SiteSettings(@Nullable String bucket) {
}
