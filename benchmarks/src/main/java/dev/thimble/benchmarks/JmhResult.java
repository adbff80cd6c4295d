package dev.thimble.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's result, as read from JMH's JSON output.
 *
 * @param className the benchmark class's binary name
 * @param method the benchmark method's name
 * @param mode JMH's mode: {@code thrpt}, {@code avgt}, {@code ss}, ...
 * @param threads the number of benchmark threads
 * @param params the {@code @Param} values, in order
 * @param score the mean score
 * @param error the 99.9% confidence half-width, {@code NaN} when there were too few iterations
 * @param unit the score's unit, e.g. {@code us/op} or {@code ops/ms}
 * @param bytesPerOp bytes allocated per operation ({@code -prof gc}), {@code NaN} without the profiler
 * @param jdk the JDK version the benchmark ran on
 */
record JmhResult(String className, String method, String mode, int threads, Map<String, String> params,
    double score, double error, String unit, double bytesPerOp, String jdk) {

  /** Reads every result of JMH JSON files, in order. */
  static List<JmhResult> read(List<Path> files) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    for (Path file : files) {
      Object json = JsonReader.read(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      for (Object entry : (List<?>) json) {
        results.add(of((Map<?, ?>) entry));
      }
    }
    return results;
  }

  private static JmhResult of(Map<?, ?> json) {
    String benchmark = (String) json.get("benchmark");
    int dot = benchmark.lastIndexOf('.');
    Map<String, String> params = new LinkedHashMap<>();
    Object rawParams = json.get("params");
    if (rawParams instanceof Map<?, ?> map) {
      map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
    }
    Map<?, ?> primary = (Map<?, ?>) json.get("primaryMetric");
    double bytes = Double.NaN;
    Object secondary = json.get("secondaryMetrics");
    if (secondary instanceof Map<?, ?> metrics && metrics.get("gc.alloc.rate.norm") instanceof Map<?, ?> alloc) {
      bytes = number(alloc.get("score"));
    }
    return new JmhResult(benchmark.substring(0, dot), benchmark.substring(dot + 1), (String) json.get("mode"),
        (int) number(json.get("threads")), params, number(primary.get("score")), number(primary.get("scoreError")),
        (String) primary.get("scoreUnit"), bytes, String.valueOf(json.get("jdkVersion")));
  }

  /** JMH writes {@code "NaN"} as a string. */
  private static double number(Object value) {
    return value instanceof Double d ? d : value == null ? Double.NaN : Double.parseDouble(value.toString());
  }

  /** The class's simple name. */
  String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Whether a larger score is better. */
  boolean isThroughput() {
    return mode.equals("thrpt");
  }

  /** The parameters as {@code a=1, b=2}, or empty. */
  String paramText() {
    StringBuilder s = new StringBuilder();
    params.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return s.toString();
  }

  /** Whether {@code other} is the same benchmark class run with the same parameters. */
  boolean sameRunAs(JmhResult other) {
    return className.equals(other.className) && params.equals(other.params);
  }
}
