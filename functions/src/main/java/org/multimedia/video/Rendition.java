package org.multimedia.video;

/**
 * One file of a video (e.g. "hd"): what people see of it, and the name the browser saves it
 * under. Where it is stored is derived from the video id and the rendition name, never given.
 */
public record Rendition(String name, String label, String mimeType, long sizeBytes, String filename) {

    /** Makes a browser save the file under its name; the filename rules keep it safe in a header. */
    String contentDisposition() {
        return "attachment; filename=\"" + filename + "\"";
    }

    /** The object key in the video bucket: callers never name one. */
    static String objectKey(String videoId, String renditionName) {
        return "videos/" + videoId + "/" + renditionName;
    }
}
