package dev.thimble.apicheck;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jetbrains.kotlin.abi.tools.AbiFilters;
import org.jetbrains.kotlin.abi.tools.AbiTools;

/**
 * Dumps the public API of each library module, from its compiled classes, in the format of Kotlin's
 * binary-compatibility-validator, and compares it with the module's committed {@code api/<module>.api}.
 *
 * <p>Arguments: {@code update} ("true" rewrites the dumps, anything else compares), the project's root, then the
 * modules. A difference fails the build: the public API changed without the dump being reviewed in the same commit.
 */
public final class ApiCheck {
  /** The command that rewrites the dumps, printed with every failure. */
  static final String UPDATE_COMMAND = "mvn -B verify -pl api-check -am -DskipTests -Dapi.update";

  private ApiCheck() {}

  public static void main(String[] args) throws IOException {
    boolean update = args[0].isEmpty() || Boolean.parseBoolean(args[0]);
    Path root = Path.of(args[1]);
    AbiTools tools = AbiTools.Companion.getInstance(ApiCheck.class.getClassLoader());
    AbiFilters noFilters =
        new AbiFilters(Collections.emptySet(), Collections.emptySet(), Collections.emptySet(), Collections.emptySet());
    List<String> changed = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String module = args[i];
      Path classes = root.resolve(module).resolve("target/classes");
      List<File> classFiles = classFiles(classes);
      if (classFiles.isEmpty()) {
        throw new IllegalStateException("api-check: no classes in " + classes + "; build " + module + " first");
      }
      StringBuilder dump = new StringBuilder();
      tools.printJvmDump(dump, classFiles, noFilters);
      Path committed = root.resolve(module).resolve("api").resolve(module + ".api");
      String actual = dump.toString();
      String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : null;
      if (actual.equals(expected)) {
        continue;
      }
      if (update) {
        Files.createDirectories(committed.getParent());
        Files.writeString(committed, actual, StandardCharsets.UTF_8);
        System.out.println("api-check: wrote " + root.relativize(committed));
      } else {
        Path fresh = root.resolve(module).resolve("target").resolve(module + ".api");
        Files.writeString(fresh, actual, StandardCharsets.UTF_8);
        changed.add(module + " (diff -u " + root.relativize(committed) + " " + root.relativize(fresh) + ")");
      }
    }
    if (!changed.isEmpty()) {
      throw new IllegalStateException("api-check: the public API differs from the committed dump in "
          + String.join(", ", changed) + ". If the change is intended, review it, update the dump with `"
          + UPDATE_COMMAND + "` and commit the api/*.api files with the change.");
    }
  }

  /** The module's class files, without the Java 9 module descriptor of META-INF/versions, which is not API. */
  private static List<File> classFiles(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return Collections.emptyList();
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .filter(f -> !classes.relativize(f).startsWith("META-INF"))
          .sorted()
          .map(Path::toFile)
          .toList();
    }
  }
}
