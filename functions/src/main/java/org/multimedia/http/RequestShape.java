package org.multimedia.http;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import org.multimedia.core.DomainException;

import java.math.BigInteger;
import java.util.Collection;

/**
 * Checks a JSON body against a request record before it is bound, so that the binding never
 * guesses: every field is required unless marked {@code @Nullable}, a field of the wrong JSON
 * type is refused (no "yes" for a boolean, no "12" for a number), in nested records and list
 * elements too. Fields the record does not declare are ignored. Reads the compile-time
 * introspection that {@code @Serdeable} generates, no reflection.
 */
final class RequestShape {

    private RequestShape() {
    }

    static void check(Class<?> type, JsonNode object) {
        check(introspection(type), object, "");
    }

    private static void check(BeanIntrospection<?> record, JsonNode object, String path) {
        for (var property : record.getBeanProperties()) {
            String field = path + property.getName();
            JsonNode value = object.get(property.getName());
            if (value == null || value.isNull()) {
                if (!property.isNullable()) {
                    throw DomainException.invalidRequest("'" + field + "' is required.");
                }
            } else {
                checkValue(property.asArgument(), value, field);
            }
        }
    }

    private static void checkValue(Argument<?> type, JsonNode value, String field) {
        Class<?> javaType = type.getType();
        boolean fits;
        if (javaType == String.class) {
            fits = value.isString();
        } else if (javaType == Boolean.class || javaType == boolean.class) {
            fits = value.isBoolean();
        } else if (javaType == Integer.class || javaType == int.class || javaType == Long.class || javaType == long.class) {
            fits = value.isNumber() && integral(value.getNumberValue())
                    && fitsIn(value.getNumberValue(), javaType == Integer.class || javaType == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
        } else if (Number.class.isAssignableFrom(javaType) || javaType.isPrimitive()) {
            fits = value.isNumber();
        } else if (Collection.class.isAssignableFrom(javaType)) {
            fits = value.isArray();
            if (fits) {
                Argument<?> element = type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
                int i = 0;
                for (JsonNode item : value.values()) {
                    String itemField = field + "[" + i++ + "]";
                    if (item.isNull()) {
                        throw DomainException.invalidRequest("'" + itemField + "' is required.");
                    }
                    checkValue(element, item, itemField);
                }
            }
        } else {
            var nested = BeanIntrospector.SHARED.findIntrospection(javaType);
            fits = nested.isEmpty() || value.isObject();
            if (fits && nested.isPresent()) {
                check(nested.get(), value, field + ".");
            }
        }
        if (!fits) {
            throw DomainException.invalidRequest("'" + field + "' has the wrong type.");
        }
    }

    private static boolean integral(Number number) {
        return number instanceof Integer || number instanceof Long || number instanceof BigInteger
                || number instanceof Short || number instanceof Byte;
    }

    private static boolean fitsIn(Number number, long max) {
        return !(number instanceof BigInteger big) ? Math.abs(number.longValue()) <= max
                : big.bitLength() < 64 && Math.abs(big.longValue()) <= max;
    }

    private static BeanIntrospection<?> introspection(Class<?> type) {
        return BeanIntrospector.SHARED.findIntrospection(type).orElseThrow(() ->
                new IllegalStateException(type.getName() + " is not a @Serdeable request record"));
    }
}
