package dev.thimble.shrinktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.OutputMode;
import com.android.tools.r8.R8;
import com.android.tools.r8.R8Command;
import com.android.tools.r8.origin.Origin;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * The app in {@code src/main} is shrunk and obfuscated, together with thimble's jars and the Kotlin libraries, by R8
 * in full mode and by ProGuard, each given only the rules that the jars ship (as the Android Gradle plugin gives
 * them) and a keep rule for {@link Main}: none of the app's own rules for its faces. Each result runs in a new JVM
 * and must print what the unshrunk app prints. Without thimble's rules the same app must fail, so that it is the
 * rules that make it pass.
 */
class ShrinkTest {
  /** What the app prints: one line per thing a face does (hook, default method, timeout, suspend, Flow, ...). */
  static final List<String> EXPECTED = List.of(
      "java face: reflective proxy",
      "driveTo: hooked drove to work",
      "home: hooked drove to home",
      "wheels: 4",
      "plate: IOException no plate",
      "stall: timed out",
      "kotlin face: reflective proxy",
      "park: parked green",
      "cars: [red, blue]",
      "valet: valeted grey",
      "parkTwice: parked black, parked black",
      "done");

  /**
   * What the app compiled with thimble-processor (through kapt) prints: the same, but from the faces the processor
   * generated, Java's and Kotlin's (a suspend fun, a Flow, a Deferred and a body), found by their names, which the jars'
   * rules keep.
   */
  static final List<String> EXPECTED_WITH_PROCESSOR = EXPECTED.stream()
      .map(line -> line.equals("java face: reflective proxy") ? "java face: generated AsyncCar_Thimble"
          : line.equals("kotlin face: reflective proxy") ? "kotlin face: generated SuspendGarage_Thimble" : line)
      .collect(Collectors.toList());

  static final String KEEP_MAIN = "-keep class dev.thimble.shrinktest.Main { public static void main(java.lang.String[]); }";

  /**
   * Warnings about classes the Kotlin libraries refer to but do not ship (kotlinx-atomicfu, which its compiler
   * plugin inlines away; Android annotations), which R8 does not report and ProGuard does: nothing about faces.
   */
  static final List<String> LIBRARY_WARNINGS = List.of(
      "-dontwarn kotlinx.atomicfu.**",
      "-dontwarn kotlin.concurrent.atomics.**",
      "-dontwarn android.annotation.**");

  /**
   * ProGuard as Android's default {@code proguard-android.txt} runs it: shrinking and obfuscating, not optimizing.
   * With its optimizations on (even less those {@code proguard-android-optimize.txt} turns off), ProGuard 7.10 breaks
   * kotlinx-coroutines' own {@code Flow.toList} ({@code VerifyError: Bad type on operand stack}): bytecode its
   * optimizer writes wrong, not a rule that is missing.
   */
  static final String ANDROID_PROGUARD_DEFAULT = "-dontoptimize";

  private static Path work;
  /** The app's classes as a jar, then its runtime classpath (thimble's jars, kotlin-stdlib, kotlinx-coroutines). */
  private static final List<Path> program = new ArrayList<>();
  /** The program, less the rules each jar embeds: R8 reads those itself, and a control run must leave some out. */
  private static final List<Path> programWithoutRules = new ArrayList<>();
  /** The program, its app jar compiled with thimble-processor (the Java face generated). */
  private static final List<Path> processedWithoutRules = new ArrayList<>();

  @BeforeAll
  static void appAsJars() throws IOException {
    work = Paths.get(System.getProperty("shrink.work"));
    Files.createDirectories(work.resolve("input"));
    program.add(copyJar(Paths.get(System.getProperty("shrink.app.classes")), work.resolve("app.jar"), false));
    for (String entry : System.getProperty("shrink.app.classpath").split(File.pathSeparator)) {
      Path path = Paths.get(entry);
      // In a build that stops before package, a reactor module is its classes directory: the shrinkers want jars.
      program.add(Files.isDirectory(path) ? copyJar(path, work.resolve(path.getParent().getParent().getFileName()
          + ".jar"), false) : path);
    }
    for (Path jar : program) {
      programWithoutRules.add(copyJar(jar, work.resolve("input").resolve(jar.getFileName()), true));
    }
    // The classes javac compiled with the processor, over the Kotlin classes (the Java ones are the same sources).
    Path processedApp = copyJar(Paths.get(System.getProperty("shrink.app.processed.classes")),
        work.resolve("input").resolve("app-with-processor.jar"), false);
    addJar(processedApp, program.get(0));
    processedWithoutRules.add(processedApp);
    processedWithoutRules.addAll(programWithoutRules.subList(1, programWithoutRules.size()));
  }

  @Test
  void unshrunkAppPrintsTheExpectedLines() throws Exception {
    Run run = runApp(program);
    assertEquals(EXPECTED, run.lines, run.output);
  }

  @Test
  void appShrunkByR8FullModeWithTheJarsRulesWorks() throws Exception {
    Path out = r8(work.resolve("r8.jar"), true);
    Run run = runApp(List.of(out));
    assertEquals(EXPECTED, run.lines, run.output);
    assertObfuscated(out);
  }

  @Test
  void appShrunkByProGuardWithTheJarsRulesWorks() throws Exception {
    Path out = proguard(work.resolve("proguard.jar"), true);
    Run run = runApp(List.of(out));
    assertEquals(EXPECTED, run.lines, run.output);
    assertObfuscated(out);
  }

  @Test
  void unshrunkAppWithTheProcessorUsesTheGeneratedFace() throws Exception {
    Run run = runApp(processedWithoutRules);
    assertEquals(EXPECTED_WITH_PROCESSOR, run.lines, run.output);
  }

  @Test
  void appWithTheProcessorShrunkByR8FullModeWithTheJarsRulesUsesTheGeneratedFace() throws Exception {
    Path out = r8(processedWithoutRules, work.resolve("r8-with-processor.jar"), true);
    Run run = runApp(List.of(out));
    assertEquals(EXPECTED_WITH_PROCESSOR, run.lines, run.output);
    assertObfuscated(out);
  }

  @Test
  void appWithTheProcessorShrunkByProGuardWithTheJarsRulesUsesTheGeneratedFace() throws Exception {
    Path out = proguard(processedWithoutRules, work.resolve("proguard-with-processor.jar"), true);
    Run run = runApp(List.of(out));
    assertEquals(EXPECTED_WITH_PROCESSOR, run.lines, run.output);
    assertObfuscated(out);
  }

  @Test
  void appShrunkByR8WithoutThimblesRulesFails() throws Exception {
    Run run = runApp(List.of(r8(work.resolve("r8-without-thimble-rules.jar"), false)));
    assertNotEquals(EXPECTED, run.lines, run.output);
    assertNotEquals(0, run.exitCode, run.output);
  }

  @Test
  void appShrunkByProGuardWithoutThimblesRulesFails() throws Exception {
    Run run = runApp(List.of(proguard(work.resolve("proguard-without-thimble-rules.jar"), false)));
    assertNotEquals(EXPECTED, run.lines, run.output);
    assertNotEquals(0, run.exitCode, run.output);
  }

  // ---- the shrinkers ----

  /** R8 in full mode (not {@code --pg-compat}), class files out, the running JDK as the library. */
  private static Path r8(Path out, boolean thimbleRules) throws Exception {
    return r8(programWithoutRules, out, thimbleRules);
  }

  private static Path r8(List<Path> input, Path out, boolean thimbleRules) throws Exception {
    List<String> rules = new ArrayList<>(jarRules("r8", thimbleRules));
    rules.add(KEEP_MAIN);
    rules.addAll(LIBRARY_WARNINGS);
    Files.write(Paths.get(out + ".pro"), rules, StandardCharsets.UTF_8);
    long start = System.nanoTime();
    R8.run(R8Command.builder()
        .addProgramFiles(input)
        .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
        .addProguardConfiguration(rules, Origin.unknown())
        .setProguardCompatibility(false)
        .setMode(CompilationMode.RELEASE)
        .setProguardMapOutputPath(Paths.get(out + ".map"))
        .setOutput(out, OutputMode.ClassFile)
        .build());
    System.out.printf("R8 %s -> %s: %d ms%n", com.android.tools.r8.Version.getVersionString(), out.getFileName(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return out;
  }

  /** ProGuard, shrinking and obfuscating, against the running JDK's java.base. */
  private static Path proguard(Path out, boolean thimbleRules) throws Exception {
    return proguard(programWithoutRules, out, thimbleRules);
  }

  private static Path proguard(List<Path> input, Path out, boolean thimbleRules) throws Exception {
    Path config = work.resolve(out.getFileName() + ".pro");
    List<String> lines = new ArrayList<>();
    for (Path jar : input) {
      lines.add("-injars '" + jar + "'(!META-INF/versions/**,!module-info.class)");
    }
    lines.add("-outjars '" + out + "'");
    lines.add("-libraryjars '" + Paths.get(System.getProperty("java.home"), "jmods", "java.base.jmod")
        + "'(!**.jar;!module-info.class)");
    lines.add("-printmapping '" + out + ".map'");
    lines.add(KEEP_MAIN);
    lines.addAll(LIBRARY_WARNINGS);
    lines.add(ANDROID_PROGUARD_DEFAULT);
    lines.addAll(jarRules("proguard", thimbleRules));
    Files.write(config, lines, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    Configuration configuration = new Configuration();
    try (ConfigurationParser parser = new ConfigurationParser(config.toFile(), new Properties())) {
      parser.parse(configuration);
    }
    long start = System.nanoTime();
    new ProGuard(configuration).execute();
    System.out.printf("ProGuard %s -> %s: %d ms%n", ProGuard.getVersion(), out.getFileName(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return out;
  }

  /**
   * The rules the program's jars ship for {@code shrinker}, as the Android Gradle plugin picks them: those under
   * {@code META-INF/com.android.tools/<shrinker>…/} if the jar has any, else those under {@code META-INF/proguard/}.
   * Without {@code thimbleRules}, thimble's own are left out (the Kotlin libraries' stay).
   */
  static List<String> jarRules(String shrinker, boolean thimbleRules) throws IOException {
    List<String> rules = new ArrayList<>();
    for (Path jar : program) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        List<? extends ZipEntry> all = zip.stream().filter(e -> !e.isDirectory()).collect(Collectors.toList());
        List<ZipEntry> chosen = all.stream()
            .filter(e -> e.getName().startsWith("META-INF/com.android.tools/" + shrinker + "/")
                || e.getName().startsWith("META-INF/com.android.tools/" + shrinker + "-"))
            .collect(Collectors.toList());
        if (all.stream().noneMatch(e -> e.getName().startsWith("META-INF/com.android.tools/"))) {
          chosen = all.stream().filter(e -> e.getName().startsWith("META-INF/proguard/")).collect(Collectors.toList());
        }
        for (ZipEntry e : chosen) {
          boolean thimbles = e.getName().endsWith("/thimble-java.pro") || e.getName().endsWith("/thimble-coroutines.pro");
          if (thimbleRules || !thimbles) {
            rules.add("# " + jar.getFileName() + "!/" + e.getName());
            try (InputStream in = zip.getInputStream(e)) {
              rules.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
            }
          }
        }
      }
    }
    if (thimbleRules) {
      assertTrue(rules.stream().anyMatch(r -> r.contains("@dev.thimble.ThimbleFace")), "no thimble rules found");
    }
    return rules;
  }

  /** The faces and the targets lost their names but the faces' methods: proof that obfuscation ran. */
  private static void assertObfuscated(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).collect(Collectors.toList());
      assertTrue(names.contains("dev/thimble/shrinktest/Main.class"), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.endsWith("/Car.class") || n.endsWith("/Garage.class")),
          "targets not renamed: " + names);
      assertTrue(names.stream().noneMatch(n -> n.equals("dev/thimble/WorkerPool.class")),
          "thimble not obfuscated: " + names);
    }
  }

  // ---- running the app ----

  record Run(int exitCode, List<String> lines, String output) {}

  private static Run runApp(List<Path> classpath) throws Exception {
    Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
        Main.class.getName())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The app has no reason to hang: a minute is a hung JVM, not a slow machine.
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "app did not exit:\n" + output);
    List<String> lines = output.lines().collect(Collectors.toList());
    System.out.println("app on " + classpath.get(0).getFileName() + ": exit " + process.exitValue() + "\n  "
        + String.join("\n  ", lines));
    return new Run(process.exitValue(), lines, output);
  }

  /** Adds to {@code jar} the entries of {@code from} that it does not have yet. */
  private static void addJar(Path jar, Path from) throws IOException {
    try (java.nio.file.FileSystem to = java.nio.file.FileSystems.newFileSystem(jar);
        ZipFile in = new ZipFile(from.toFile())) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        Path target = to.getPath(e.getName());
        if (!e.isDirectory() && !Files.exists(target)) {
          if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
          }
          try (InputStream bytes = in.getInputStream(e)) {
            Files.copy(bytes, target);
          }
        }
      }
    }
  }

  /** A jar of {@code from} (a jar or a directory of classes), without its shrinker rules if {@code withoutRules}. */
  private static Path copyJar(Path from, Path jar, boolean withoutRules) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      if (Files.isDirectory(from)) {
        try (Stream<Path> files = Files.walk(from)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
            zip.putNextEntry(new ZipEntry(from.relativize(f).toString().replace(File.separatorChar, '/')));
            Files.copy(f, zip);
            zip.closeEntry();
          }
        }
      } else {
        try (ZipFile in = new ZipFile(from.toFile())) {
          for (ZipEntry e : java.util.Collections.list(in.entries())) {
            boolean rule = e.getName().startsWith("META-INF/proguard/")
                || e.getName().startsWith("META-INF/com.android.tools/");
            if (!e.isDirectory() && !(withoutRules && rule)) {
              zip.putNextEntry(new ZipEntry(e.getName()));
              try (InputStream bytes = in.getInputStream(e)) {
                bytes.transferTo(zip);
              }
              zip.closeEntry();
            }
          }
        }
      }
    }
    return jar;
  }
}
