package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The timeout timer never keeps a JVM, or a host that joins a program's threads, waiting (issue 10 §5). */
class TimerThreadLifetimeTest {

  @Test
  void theTimerThreadEndsWithTheLastThimbleThatUsedIt() throws Exception {
    ChildJvm.Result child = ChildJvm.run(TimerProgram.class);

    assertTrue(child.exited(), "the child JVM did not exit; its output: " + child.lines());
    assertEquals(0, child.exitValue(), "output: " + child.lines());
    assertEquals(Arrays.asList("call: done", "timer thread: daemon", "timer in use after close: false",
        "timer thread ended", "later call: TimeoutException", "timer in use after the later close: false"),
        child.lines());
  }
}
