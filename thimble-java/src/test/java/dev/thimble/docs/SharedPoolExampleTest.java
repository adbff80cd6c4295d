package dev.thimble.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Runs the shared-pool example of the docs and checks what its comments say it prints. */
class SharedPoolExampleTest {

  @Test
  void sharedPoolExamplePrintsWhatItsCommentsSay() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, "UTF-8"));
    try {
      SharedPoolExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertEquals("42\n7\ntrue\n", out.toString("UTF-8").replace(System.lineSeparator(), "\n"));
  }
}
