package org.multimedia.infrastructure.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Medians and percentiles of the benchmarks' samples. */
final class Stats {

    private Stats() {
    }

    static double percentile(Collection<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        if (p == 50) {
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, rank))];
    }

    static double median(Collection<Double> values) {
        return percentile(values, 50);
    }

    /** {median, min, max, n}, rounded. */
    static Map<String, Object> summary(Collection<Double> values) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("median", round(median(values)));
        s.put("min", round(values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        s.put("max", round(values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        s.put("n", values.size());
        return s;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
