package org.multimedia.http;

import io.micronaut.json.tree.JsonNode;
import org.multimedia.core.DomainException;

import java.util.Optional;

/**
 * The JSON object of a request, read field by field: a missing or wrongly typed field is a
 * {@code 400 invalid_request} naming the field, never a parser message or a stack trace.
 */
public final class JsonBody {

    private final JsonNode object;

    JsonBody(JsonNode object) {
        this.object = object;
    }

    /** A required string field. */
    public String string(String field) {
        return optionalString(field).orElseThrow(() -> DomainException.invalidRequest("'" + field + "' is required."));
    }

    public Optional<String> optionalString(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw DomainException.invalidRequest("'" + field + "' must be a string.");
        }
        return Optional.of(value.getStringValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw DomainException.invalidRequest("'" + field + "' must be true or false.");
        }
        return Optional.of(value.getBooleanValue());
    }
}
