package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.identity.Language;

import java.util.Optional;

/**
 * {@code PATCH /account/me {language}} (signed in, live token) → 200 the profile as
 * {@code GET /account/me} shows it; the account emails and the newsletter subscription follow the
 * new language. {@code language} other than "en" or "fr", or missing → {@code 400 invalid_request}
 * naming it.
 */
public class UpdateProfileHandler extends ApiHandler {

    @Inject
    Profiles service;

    public UpdateProfileHandler() {
    }

    public UpdateProfileHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        return ApiResponse.ok(service.changeLanguage(request.user(), Language.parse(Optional.of(body.language()))));
    }

    /** The request body: what the person changes of their account (today their language). */
    @Serdeable
    record Body(String language) {
    }
}
