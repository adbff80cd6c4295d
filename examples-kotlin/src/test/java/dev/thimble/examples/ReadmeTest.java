package dev.thimble.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages it links to cannot drift: each Java and Kotlin block of {@code README.md}, of
 * {@code docs/*.md} and of {@code benchmarks/README.md} must be a verbatim copy of a region of real source, marked
 * {@code // README:begin <name>} ... {@code // README:end}, in a file under {@code <root>/<module>/src/}. The tests
 * that run those sources run the documentation's code. Dependency blocks name the project's version, relative links
 * lead to files that exist, and the README opens with the two commands below.
 */
class ReadmeTest {
  /** The README's first bash block, line by line: run every example, then run the tests. */
  static final List<String> COMMANDS = List.of(
      "mvn -q -DskipTests install && mvn -q -pl examples-kotlin exec:exec",
      "mvn -B verify");

  private static final Pattern BEGIN = Pattern.compile("^\\s*// README:begin (\\S+)\\s*$");
  /** The end marker may repeat the region's name: {@code // README:end <name>}. */
  private static final Pattern END = Pattern.compile("^\\s*// README:end(?:\\s+(\\S+))?\\s*$");

  private final Path root = Paths.get("..").toAbsolutePath().normalize();

  /** A fenced block of a documentation page. */
  record Block(String file, String language, int line, List<String> lines) {
    String text() {
      return String.join("\n", dedent(lines));
    }

    String firstLine() {
      return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
  }

  @Test
  void everyJavaAndKotlinBlockIsARegionOfTestedSource() throws IOException {
    Set<String> regions = regions();
    List<Block> code = allBlocks().stream()
        .filter(b -> b.language().equals("java") || b.language().equals("kotlin"))
        .collect(Collectors.toList());
    assertTrue(code.stream().anyMatch(b -> b.file().equals("README.md") && b.language().equals("java")),
        "the README has no java block");
    List<String> unmatched = new ArrayList<>();
    for (Block block : code) {
      if (!regions.contains(block.text())) {
        unmatched.add(block.file() + ":" + block.line() + ": ```" + block.language() + " block starting `"
            + block.firstLine() + "` is no README region of " + root.getFileName() + "/*/src");
      }
    }
    assertEquals(List.of(), unmatched, "documentation blocks without a matching // README:begin region");
  }

  @Test
  void dependencyBlocksNameTheProjectVersion() throws IOException {
    String version = projectVersion();
    List<String> wrong = new ArrayList<>();
    int coordinates = 0;
    Pattern xmlVersion = Pattern.compile("<version>([^<]*)</version>");
    Pattern gradle = Pattern.compile("\"dev\\.thimble:[a-z-]+:([^\"]*)\"");
    for (Block block : allBlocks()) {
      Pattern p = block.language().equals("xml") ? xmlVersion
          : block.language().equals("gradle") ? gradle : null;
      if (p == null) {
        continue;
      }
      Matcher m = p.matcher(String.join("\n", block.lines()));
      while (m.find()) {
        coordinates++;
        if (!m.group(1).equals(version)) {
          wrong.add(block.file() + ":" + block.line() + ": version " + m.group(1) + ", expected " + version);
        }
      }
    }
    assertTrue(coordinates >= 2, "the README names no Maven/Gradle coordinates");
    assertEquals(List.of(), wrong);
  }

  @Test
  void readmeOpensWithTheTwoCommands() throws IOException {
    Block first = blocks("README.md").stream().filter(b -> b.language().equals("bash")).findFirst().orElseThrow();
    assertEquals(COMMANDS, first.lines().stream().filter(l -> !l.isBlank()).collect(Collectors.toList()));
    List<Block> all = blocks("README.md");
    assertFalse(all.isEmpty());
    assertEquals(first, all.get(0), "the first block of the README must be the two commands");
  }

  @Test
  void regionsAreClosed() throws IOException {
    regions(); // throws on a region without its end
  }

  @Test
  void relativeLinksLeadToFilesThatExist() throws IOException {
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    List<String> broken = new ArrayList<>();
    for (String page : pages()) {
      Path dir = root.resolve(page).getParent();
      List<String> lines = Files.readAllLines(root.resolve(page), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = link.matcher(lines.get(i));
        while (m.find()) {
          String target = m.group(1);
          if (target.startsWith("http:") || target.startsWith("https:") || target.startsWith("#")) {
            continue;
          }
          String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
          if (!Files.exists(dir.resolve(file))) {
            broken.add(page + ":" + (i + 1) + ": " + target);
          }
        }
      }
    }
    assertEquals(List.of(), broken, "links to files that do not exist");
  }

  /**
   * A reader copies a block: it must not lean on the helpers of thimble's own tests, which the reader does not have.
   * (JUnit's assertions are fine: a block that is a test shows their imports.)
   */
  @Test
  void noBlockUsesTheHelpersOfThimblesOwnTests() throws IOException {
    Pattern helper = Pattern.compile("\\bshould(Be|Throw|Match)\\w*|\\bawaitOrFail\\b|\\bgate\\b|\\b(failure|value)\\(");
    List<String> leaning = new ArrayList<>();
    for (Block block : allBlocks()) {
      if (!block.language().equals("java") && !block.language().equals("kotlin")) {
        continue;
      }
      for (int i = 0; i < block.lines().size(); i++) {
        Matcher m = helper.matcher(block.lines().get(i));
        if (m.find()) {
          leaning.add(block.file() + ":" + (block.line() + 1 + i) + ": " + m.group().strip());
        }
      }
    }
    assertEquals(List.of(), leaning, "blocks that use test-only helpers; show whole, self-contained code");
  }

  /**
   * A region that no page shows any more would tell its reader a lie: that the documentation quotes it.
   */
  @Test
  void everyRegionIsShown() throws IOException {
    Set<String> shown = allBlocks().stream().map(Block::text).collect(Collectors.toSet());
    List<String> unshown = new ArrayList<>();
    for (Map.Entry<String, String> region : regionsByPlace().entrySet()) {
      if (!shown.contains(region.getValue())) {
        unshown.add(region.getKey());
      }
    }
    assertEquals(List.of(), unshown, "regions no page shows: show them, or remove their markers");
  }

  @Test
  void theReadmeStaysShort() throws IOException {
    int lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8).size();
    assertTrue(lines <= 360, "README.md has " + lines + " lines; move the detail to docs/*.md");
  }

  /** README.md, then docs/*.md and benchmarks/README.md, as paths relative to the root. */
  private List<String> pages() throws IOException {
    List<String> pages = new ArrayList<>();
    pages.add("README.md");
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
    }
    if (Files.exists(root.resolve("benchmarks/README.md"))) {
      pages.add("benchmarks/README.md");
    }
    return pages;
  }

  private List<Block> allBlocks() throws IOException {
    List<Block> all = new ArrayList<>();
    for (String page : pages()) {
      all.addAll(blocks(page));
    }
    return all;
  }

  private List<Block> blocks(String page) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(page), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("```") && line.length() > 3) {
        int start = i;
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
          body.add(lines.get(i));
        }
        if (i == lines.size()) {
          throw new AssertionError(page + ":" + (start + 1) + ": block is never closed");
        }
        blocks.add(new Block(page, line.substring(3).strip(), start + 1, body));
      }
    }
    return blocks;
  }

  /**
   * The text of every region under {@code <root>/<module>/src/}, without its common indentation. Names only label
   * regions for readers: modules may reuse one.
   */
  private Set<String> regions() throws IOException {
    return new HashSet<>(regionsByPlace().values());
  }

  /** Each region's text, keyed by where it begins ({@code module/src/...:line  name}). */
  private Map<String, String> regionsByPlace() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> sources;
    try (Stream<Path> modules = Files.list(root)) {
      sources = modules.map(m -> m.resolve("src")).filter(Files::isDirectory)
          .flatMap(ReadmeTest::walk)
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".kt"))
          .sorted()
          .collect(Collectors.toList());
    }
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher begin = BEGIN.matcher(lines.get(i));
        if (!begin.matches()) {
          continue;
        }
        String where = root.relativize(source) + ":" + (i + 1);
        List<String> body = new ArrayList<>();
        for (i++; i < lines.size() && !END.matcher(lines.get(i)).matches(); i++) {
          if (BEGIN.matcher(lines.get(i)).matches()) {
            throw new AssertionError(where + ": region " + begin.group(1) + " is not ended before the next begins");
          }
          body.add(lines.get(i));
        }
        if (i == lines.size()) {
          throw new AssertionError(where + ": region " + begin.group(1) + " has no // README:end");
        }
        Matcher end = END.matcher(lines.get(i));
        if (end.matches() && end.group(1) != null && !end.group(1).equals(begin.group(1))) {
          throw new AssertionError(where + ": region " + begin.group(1) + " ends as " + end.group(1));
        }
        regions.put(where + "  " + begin.group(1), String.join("\n", dedent(body)));
      }
    }
    return regions;
  }

  private static Stream<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + dir + ": " + e, e);
    }
  }

  /** The lines without their common indentation and without blank lines at either end. */
  static List<String> dedent(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    List<String> body = lines.subList(from, to);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
        .collect(Collectors.toList());
  }

  private String projectVersion() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>thimble-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "no version after thimble-parent in pom.xml");
    return m.group(1);
  }
}
