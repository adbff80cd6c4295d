package dev.thimble.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws JMH results as an SVG bar chart: one panel per benchmark class, parameters and unit, one bar per benchmark
 * with its error as a whisker; thimble's bars in blue, the baselines and peers in grey.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.thimble.benchmarks.Chart benchmarks/results.svg benchmarks/results/*.json
 * }</pre>
 */
public final class Chart {
  private static final int WIDTH = 960;
  private static final int LABEL_WIDTH = 330;
  private static final int BAR_AREA = 470;
  private static final int BAR_HEIGHT = 16;
  private static final int BAR_GAP = 6;
  private static final int PANEL_GAP = 46;

  private Chart() {}

  /**
   * Writes the chart.
   *
   * @param args the SVG file to write, then the JMH JSON files
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Chart <out.svg> <jmh-result.json>...");
      System.exit(2);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    Files.write(Path.of(args[0]), svg(JmhResult.read(files)).getBytes(StandardCharsets.UTF_8));
  }

  static String svg(List<JmhResult> results) {
    Map<String, List<JmhResult>> panels = new LinkedHashMap<>();
    for (JmhResult r : results) {
      String title = r.simpleClassName() + (r.params().isEmpty() ? "" : " (" + r.paramText() + ")") + ", " + r.unit()
          + (r.isThroughput() ? ", higher is better" : ", lower is better") + ", JDK " + r.jdk();
      panels.computeIfAbsent(title, k -> new ArrayList<>()).add(r);
    }
    StringBuilder body = new StringBuilder();
    int y = 30;
    for (Map.Entry<String, List<JmhResult>> panel : panels.entrySet()) {
      y = panel(body, panel.getKey(), panel.getValue(), y);
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y
        + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + "<text x=\"10\" y=\"18\" font-size=\"15\" font-weight=\"bold\">Thimble benchmarks (JMH): mean with 99.9% error"
        + "</text>\n" + body + "</svg>\n";
  }

  private static int panel(StringBuilder s, String title, List<JmhResult> bars, int top) {
    double max = 0;
    for (JmhResult r : bars) {
      max = Math.max(max, r.score() + (Double.isNaN(r.error()) ? 0 : r.error()));
    }
    if (max <= 0) {
      max = 1;
    }
    int y = top + 14;
    s.append("<text x=\"10\" y=\"").append(y).append("\" font-weight=\"bold\">").append(escape(title))
        .append("</text>\n");
    y += 8;
    for (JmhResult r : bars) {
      double width = r.score() / max * BAR_AREA;
      boolean thimble = isThimble(r.method());
      String label = r.method() + (r.threads() > 1 ? " (" + r.threads() + " threads)" : "");
      s.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n"
              + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
          LABEL_WIDTH - 8, y + BAR_HEIGHT - 4, escape(label), LABEL_WIDTH, y, width, BAR_HEIGHT,
          thimble ? "#2b6cb0" : "#a0aec0"));
      double end = width;
      if (!Double.isNaN(r.error()) && r.error() > 0) {
        double low = Math.max(0, r.score() - r.error()) / max * BAR_AREA;
        double high = (r.score() + r.error()) / max * BAR_AREA;
        int mid = y + BAR_HEIGHT / 2;
        s.append(String.format(Locale.ROOT,
            "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"black\" fill=\"none\"/>\n",
            LABEL_WIDTH + low, mid, LABEL_WIDTH + high, LABEL_WIDTH + low, mid - 4, mid + 4, LABEL_WIDTH + high,
            mid - 4, mid + 4));
        end = high;
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", LABEL_WIDTH + end + 6,
          y + BAR_HEIGHT - 4, escape(Report.number(r.score()))));
      y += BAR_HEIGHT + BAR_GAP;
    }
    return y + PANEL_GAP - 20;
  }

  /** Thimble's own variants, by the naming of the benchmark methods. */
  static boolean isThimble(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return m.contains("thimble") || m.contains("proxy") || m.contains("submit") || m.contains("suspend")
        || m.contains("call");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
