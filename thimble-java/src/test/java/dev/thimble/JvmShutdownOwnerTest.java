package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ShutdownOwner.jvm()}: a program that forgets to stop the pool its thimble owns still exits, cleanly. */
class JvmShutdownOwnerTest {

  @Test
  void jvmExitsWhenAProgramForgetsToStopItsOwnedPoolAndQueuedCallsFinish() throws Exception {
    Path output = Files.createTempFile("forgotten-pool", ".txt");
    try {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ForgottenPoolProgram.class.getName())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();

      boolean exited = child.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);

      assertTrue(exited, "the child JVM did not exit; its output: " + lines);
      assertEquals(0, child.exitValue(), "output: " + lines);
      assertEquals(Arrays.asList("main returns", "running call: driven to work", "queued call: driven to home"),
          lines);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Test
  void jvmOwnerIsOneProcessWideInstance() {
    assertTrue(ShutdownOwner.jvm() == ShutdownOwner.jvm());
  }
}
