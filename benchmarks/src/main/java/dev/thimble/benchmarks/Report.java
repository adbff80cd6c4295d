package dev.thimble.benchmarks;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the results table of the README's "Benchmarks" section, in Markdown, from JMH JSON files: each benchmark's
 * mean and error, its slowdown against the baseline its {@link ComparedTo} names, bytes per call, and whether the
 * target is met.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.thimble.benchmarks.Report [--targets] benchmarks/results/*.json
 * }</pre>
 *
 * <p>With {@code --targets}, only the rows that are judged against a target: the README's table.
 */
public final class Report {
  private Report() {}

  /**
   * Prints the table for the given JMH JSON files.
   *
   * @param args the JSON files
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    boolean targetsOnly = false;
    for (String arg : args) {
      if (arg.equals("--targets")) {
        targetsOnly = true;
      } else {
        files.add(Path.of(arg));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: Report [--targets] <jmh-result.json>...  (--targets: only the rows with a target)");
      System.exit(2);
    }
    System.out.print(table(JmhResult.read(files), targetsOnly));
  }

  static String table(List<JmhResult> results, boolean targetsOnly) {
    // Grouped by class, then as JMH ordered them (by mode, then name).
    results = new ArrayList<>(results);
    results.sort(java.util.Comparator.comparing(JmhResult::className));
    StringBuilder s = new StringBuilder();
    s.append("| benchmark | params | mean ± error | unit | B/op | baseline | slowdown | extra B/op | target | met? |\n");
    s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (JmhResult r : results) {
      ComparedTo[] comparisons = comparisons(r);
      if (comparisons.length == 0 && !targetsOnly) {
        row(s, r, null, null);
      }
      for (ComparedTo c : comparisons) {
        if (!c.onlyWhere().isEmpty() && !r.paramText().contains(c.onlyWhere())) {
          continue;
        }
        if (targetsOnly && (c.target().isEmpty()
            || !c.notJudgedWhere().isEmpty() && r.paramText().contains(c.notJudgedWhere()))) {
          continue; // a diagnostic row: in the full table, judged there by the comparisons made for it
        }
        JmhResult base = null;
        for (JmhResult candidate : results) {
          if (candidate.method().equals(c.value()) && candidate.sameRunAs(r)) {
            base = candidate;
          }
        }
        row(s, r, c, base);
      }
    }
    return s.toString();
  }

  private static void row(StringBuilder s, JmhResult r, ComparedTo c, JmhResult base) {
    String perCall = "";
    if (r.params().containsKey("pending")) {
      int pending = Integer.parseInt(r.params().get("pending"));
      perCall = String.format(Locale.ROOT, " (%s µs/call)", number(r.score() * 1000 / pending));
    }
    String slowdown = "";
    String extraBytes = "";
    String met = "";
    if (base != null) {
      double ratio = r.isThroughput() ? base.score() / r.score() : r.score() / base.score();
      slowdown = String.format(Locale.ROOT, "%.2f×", ratio);
      double extra = r.bytesPerOp() - base.bytesPerOp();
      extraBytes = Double.isNaN(extra) ? "" : String.format(Locale.ROOT, "%+.0f", extra);
      List<String> misses = new ArrayList<>();
      boolean judged = false;
      String withinError = "";
      if (c.maxSlowdown() > 0) {
        judged = true;
        if (ratio > c.maxSlowdown()) {
          // The most favourable ratio the two confidence intervals allow: within it, the miss is not measurable.
          double best = r.isThroughput() ? (base.score() - err(base)) / (r.score() + err(r))
              : (r.score() - err(r)) / (base.score() + err(base));
          if (best <= c.maxSlowdown()) {
            withinError = String.format(Locale.ROOT, "within error (%.2f× to %.2f×)", best, ratio);
          } else {
            misses.add("slower");
          }
        }
      }
      if (c.maxExtraBytes() >= 0 && !Double.isNaN(extra)) {
        judged = true;
        if (extra > c.maxExtraBytes()) {
          misses.add("allocates more");
        }
      }
      if (c.maxScore() > 0) {
        judged = true;
        if (r.score() > c.maxScore()) {
          misses.add("over " + number(c.maxScore()) + " " + r.unit());
        }
      }
      met = !judged ? "" : !misses.isEmpty() ? "**no** (" + String.join(", ", misses) + ")"
          : withinError.isEmpty() ? "yes" : withinError;
      if (!c.notJudgedWhere().isEmpty() && r.paramText().contains(c.notJudgedWhere())) {
        met = "not judged: " + c.notJudgedWhere() + " is a diagnostic";
      }
    } else if (c != null) {
      slowdown = "(no " + c.value() + " in these results)";
    }
    s.append("| ").append(r.simpleClassName()).append('.').append(r.method())
        .append(r.threads() > 1 ? " (" + r.threads() + " threads)" : "")
        .append(" | ").append(r.paramText())
        .append(" | ").append(number(r.score())).append(Double.isNaN(r.error()) ? "" : " ± " + number(r.error()))
        .append(perCall)
        .append(" | ").append(r.unit())
        .append(" | ").append(Double.isNaN(r.bytesPerOp()) ? "" : String.format(Locale.ROOT, "%.0f", r.bytesPerOp()))
        .append(" | ").append(c == null ? "" : c.value())
        .append(" | ").append(slowdown)
        .append(" | ").append(extraBytes)
        .append(" | ").append(c == null ? "" : c.target())
        .append(" | ").append(met)
        .append(" |\n");
  }

  /** The {@link ComparedTo}s of a result's benchmark method; none if it is a baseline or the class is unknown. */
  static ComparedTo[] comparisons(JmhResult r) {
    try {
      for (Method m : Class.forName(r.className()).getMethods()) {
        if (m.getName().equals(r.method())) {
          return m.getAnnotationsByType(ComparedTo.class);
        }
      }
    } catch (ClassNotFoundException e) {
      // results of a benchmark that no longer exists: shown without a comparison
    }
    return new ComparedTo[0];
  }

  private static double err(JmhResult r) {
    return Double.isNaN(r.error()) ? 0 : r.error();
  }

  /** Three significant digits, without exponent. */
  static String number(double value) {
    double magnitude = Math.abs(value);
    String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, value);
  }
}
