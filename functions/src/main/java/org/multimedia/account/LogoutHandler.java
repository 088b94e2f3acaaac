package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/**
 * {@code POST /account/logout [{refreshToken}]} → 204. With a live bearer token, every session of
 * the account ends; with the refresh token (no bearer needed: the access token may have expired),
 * that session ends. Neither → {@code 401 unauthorized}.
 */
public class LogoutHandler extends ApiHandler {

    @Inject
    Sessions service;

    public LogoutHandler() {
    }

    public LogoutHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        service.logOut(request.optionalUser(), request.optionalBody(Body.class).refreshToken());
        return ApiResponse.noContent();
    }

    /** The request body, optional; fields it does not declare are ignored. */
    @Serdeable
    record Body(@Nullable String refreshToken) {
    }
}
