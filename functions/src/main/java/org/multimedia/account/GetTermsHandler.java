package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.identity.TermsOfUse;

import java.time.Duration;

/**
 * {@code GET /terms} (public) → 200 {@code {version, text: {en, fr}, credit}}: the same for
 * everyone, so kept by caches for five minutes (a new version reaches everyone within that).
 */
public class GetTermsHandler extends ApiHandler {

    static final Duration CACHE = Duration.ofMinutes(5);

    @Inject
    TermsOfUse terms;

    public GetTermsHandler() {
    }

    public GetTermsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        request.onlyQueryParameters(java.util.Set.of());
        return ApiResponse.ok(terms.current()).cacheFor(CACHE);
    }
}
