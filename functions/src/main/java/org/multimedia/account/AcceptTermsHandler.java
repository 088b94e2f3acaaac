package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/**
 * {@code PUT /account/terms {version}} (signed in, live token) → 200 {@code {version, acceptedAt}};
 * another version than the one in force → {@code 409 terms_outdated} with the current version.
 */
public class AcceptTermsHandler extends ApiHandler {

    @Inject
    Profiles service;

    public AcceptTermsHandler() {
    }

    public AcceptTermsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.acceptTerms(request.user(), request.body(Body.class).version()));
    }

    /** The request body: the version the person read and accepts. */
    @Serdeable
    record Body(String version) {
    }
}
