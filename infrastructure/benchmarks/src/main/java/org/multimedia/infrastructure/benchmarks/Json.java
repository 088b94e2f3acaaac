package org.multimedia.infrastructure.benchmarks;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes the benchmark's results (maps, lists, numbers, strings, booleans) as indented JSON. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(value, b, 0);
        return b.append('\n').toString();
    }

    private static void write(Object value, StringBuilder b, int depth) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof Map<?, ?> map) {
            boolean flat = map.values().stream().noneMatch(v -> v instanceof Map || v instanceof List);
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (!flat) {
                    b.append('\n').append("  ".repeat(depth + 1));
                }
                b.append(quote(String.valueOf(e.getKey()))).append(": ");
                write(e.getValue(), b, depth + 1);
                if (it.hasNext()) {
                    b.append(flat ? ", " : ",");
                }
            }
            if (!flat && !map.isEmpty()) {
                b.append('\n').append("  ".repeat(depth));
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (!flat) {
                    b.append('\n').append("  ".repeat(depth + 1));
                }
                write(list.get(i), b, depth + 1);
                if (i < list.size() - 1) {
                    b.append(flat ? ", " : ",");
                }
            }
            if (!flat && !list.isEmpty()) {
                b.append('\n').append("  ".repeat(depth));
            }
            b.append(']');
        } else if (value instanceof Double d) {
            b.append(d.isNaN() || d.isInfinite() ? "null" : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else {
            b.append(quote(value.toString()));
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
