package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code COGNITO_USER_POOL_ID}, {@code COGNITO_CLIENT_ID}: the user pool and its (secret-holding) client. */
@ConfigurationProperties("cognito")
public record CognitoSettings(String userPoolId, String clientId) {
}
