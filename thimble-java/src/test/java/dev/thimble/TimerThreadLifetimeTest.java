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

/** The timeout timer never keeps a JVM, or a host that joins a program's threads, waiting (issue 10 §5). */
class TimerThreadLifetimeTest {

  @Test
  void theTimerThreadEndsWithTheLastThimbleThatUsedIt() throws Exception {
    Path output = Files.createTempFile("timer-program", ".txt");
    try {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          TimerProgram.class.getName())
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
      assertEquals(Arrays.asList("call: done", "timer thread: daemon", "timer in use after close: false",
          "timer thread ended", "later call: TimeoutException", "timer in use after the later close: false"), lines);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
