package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
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
        var body = request.body();
        return ApiResponse.ok(service.logIn(body.string("email"), body.string("password"), request.sourceIp()));
    }
}
