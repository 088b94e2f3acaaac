package org.multimedia.video;

/**
 * One file of a video (e.g. "hd"): what people see of it, the name the browser saves it under,
 * and the SHA-256 of its bytes (lowercase hex) as the editor declared it. Where it is stored is
 * derived from the video id and the rendition name, never given.
 * <p>
 * {@code sha256} is null only for a rendition declared before SHA-256s were (issue 19): its file
 * was uploaded straight to the published key.
 */
public record Rendition(String name, String label, String mimeType, long sizeBytes, String filename, String sha256) {

    /** Makes a browser save the file under its name; the filename rules keep it safe in a header. */
    String contentDisposition() {
        return "attachment; filename=\"" + filename + "\"";
    }

    /**
     * The published object's key in the video bucket: only publish writes it (a server-side copy
     * of the staged upload whose SHA-256 it checks), and downloads read only this key. Callers
     * never name one.
     */
    static String objectKey(String videoId, String renditionName) {
        return "videos/" + videoId + "/" + renditionName;
    }

    /**
     * Where the editor's presigned PUT goes: outside {@code videos/}, so no download link and no
     * edge can ever serve it, and a PUT after publish (the URL lasts an hour) changes nothing
     * that is served.
     */
    static String stagingKey(String videoId, String renditionName) {
        return "uploads/" + videoId + "/" + renditionName;
    }
}
