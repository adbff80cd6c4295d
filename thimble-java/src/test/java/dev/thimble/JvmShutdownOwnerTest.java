package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code ShutdownOwner.jvm()}: a program that forgets to stop the pool its thimble owns still exits, cleanly. */
class JvmShutdownOwnerTest {

  @Test
  void jvmExitsWhenAProgramForgetsToStopItsOwnedPoolAndQueuedCallsFinish() throws Exception {
    ChildJvm.Result child = ChildJvm.run(ForgottenPoolProgram.class);

    assertTrue(child.exited(), "the child JVM did not exit; its output: " + child.lines());
    assertEquals(0, child.exitValue(), "output: " + child.lines());
    assertEquals(Arrays.asList("main returns", "running call: driven to work", "queued call: driven to home"),
        child.lines());
  }

  @Test
  void jvmOwnerIsOneProcessWideInstance() {
    assertTrue(ShutdownOwner.jvm() == ShutdownOwner.jvm());
  }
}
