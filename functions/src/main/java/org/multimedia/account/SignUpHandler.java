package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.identity.Language;

import java.util.Optional;

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
        Body body = request.body(Body.class);
        return ApiResponse.accepted(registration.signUp(body.email(), body.password(),
                Language.parse(Optional.ofNullable(body.language())), Boolean.TRUE.equals(body.newsletter()),
                request.sourceIp()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email, String password, @Nullable String language, @Nullable Boolean newsletter) {
    }
}
