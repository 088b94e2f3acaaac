package org.multimedia.infrastructure.emulator;

/** One thing AWS would refuse: the resource (logical id) and AWS's own words, then ours. */
public record Violation(String resource, String message) {

    @Override
    public String toString() {
        return resource + ": " + message;
    }
}
