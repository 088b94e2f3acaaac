package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code GET /account/me} (signed in, live token) → 200 the profile. */
public class GetProfileHandler extends ApiHandler {

    @Inject
    Profiles service;

    public GetProfileHandler() {
    }

    public GetProfileHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.get(request.user()));
    }
}
