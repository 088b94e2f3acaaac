package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.http.JsonBody;

/** {@code POST /account/signup {email, password, language?, newsletter?}} → 202. */
public class SignUpHandler extends ApiHandler {

    @Inject
    Registration registration;

    public SignUpHandler() {
    }

    public SignUpHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        JsonBody body = request.body();
        return ApiResponse.accepted(registration.signUp(
                body.string("email"),
                body.string("password"),
                Language.parse(body.optionalString("language")),
                body.optionalBoolean("newsletter").orElse(false)));
    }
}
