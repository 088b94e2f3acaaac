package org.multimedia.video;

/** Who is asking for a download (Cognito, checked live: a revoked token or a deleted account is refused). */
public interface Viewers {

    record Viewer(String sub, boolean verified) {
    }

    /** The account behind a live access token; {@code 401 unauthorized} otherwise. */
    Viewer byAccessToken(String accessToken);
}
