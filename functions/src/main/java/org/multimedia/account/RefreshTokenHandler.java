package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/token/refresh {refreshToken}} → 200 new id and access tokens. */
public class RefreshTokenHandler extends ApiHandler {

    @Inject
    Sessions service;

    public RefreshTokenHandler() {
    }

    public RefreshTokenHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.refresh(request.body(Body.class).refreshToken()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String refreshToken) {
    }
}
