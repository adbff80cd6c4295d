package dev.thimble.examples

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals

/**
 * Runs one example in this JVM and returns the lines it printed; fails if it left a non-daemon thread running (one
 * that would keep a program from exiting), after giving such threads ten seconds to end.
 */
fun runExample(example: () -> Unit): List<String> {
  val before = Thread.getAllStackTraces().keys
  val bytes = ByteArrayOutputStream()
  val original = System.out
  System.setOut(PrintStream(bytes, true, Charsets.UTF_8))
  try {
    example()
  } finally {
    System.setOut(original)
  }
  val left = Thread.getAllStackTraces().keys.filter { it !in before && !it.isDaemon }
  left.forEach { it.join(TimeUnit.SECONDS.toMillis(10)) }
  assertEquals(emptyList<String>(), left.filter { it.isAlive }.map { it.name }, "non-daemon threads left running")
  val output = bytes.toString(Charsets.UTF_8)
  print(output) // readable in the test report
  return output.lines().dropLastWhile { it.isEmpty() }
}
