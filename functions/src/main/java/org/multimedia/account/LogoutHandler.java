package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/logout} (signed in) → 204; every refresh token revoked. */
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
        service.logOut(request.user());
        return ApiResponse.noContent();
    }
}
