package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/login {email, password}} → 200 tokens. */
public class LoginHandler extends ApiHandler {

    @Inject
    Sessions service;

    public LoginHandler() {
    }

    public LoginHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        return ApiResponse.ok(service.logIn(body.email(), body.password(), request.sourceIp()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email, String password) {
    }
}
