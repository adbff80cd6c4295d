package dev.thimble;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program's {@code main} in a JVM of its own, on this test's class path: for what only a whole process shows
 * (whether it exits, what its shutdown hooks do, a class initialised for the first time).
 */
public final class ChildJvm {
  /** What the child did: whether it exited within a minute (it is killed otherwise), its exit value, its output. */
  public record Result(boolean exited, int exitValue, List<String> lines) {}

  private ChildJvm() {}

  /** Runs {@code program}'s {@code main}, standard error merged into the output, and waits up to 60 s for it. */
  public static Result run(Class<?> program) throws IOException, InterruptedException {
    Path output = Files.createTempFile(program.getSimpleName(), ".txt");
    try {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), program.getName())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      boolean exited = child.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Result(exited, exited ? child.exitValue() : -1, Files.readAllLines(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
