package dev.thimble.examples

import java.io.File
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class MainTest {
  /** As the README's first command runs it: in a JVM of its own, which must exit by itself, with status 0. */
  @Test
  fun mainRunsEveryExampleAndTheJvmExitsByItself() {
    val java = File(System.getProperty("java.home"), "bin/java").path
    val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.thimble.examples.Main")
      .redirectErrorStream(true)
      .start()
    val output = process.inputStream.bufferedReader().readText() // ends when the JVM exits
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the examples' JVM did not exit:\n$output")
    print(output)
    assertEquals(0, process.exitValue(), output)
    val headings = output.lines().filter { it.startsWith("=== ") }
    assertEquals(examples.map { "=== ${it.first} ===" }, headings)
    assertTrue(output.trimEnd().endsWith("All examples ran."), output)
  }
}
