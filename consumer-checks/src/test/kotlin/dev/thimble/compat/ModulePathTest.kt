package dev.thimble.compat

import java.lang.module.Configuration
import java.lang.module.ModuleFinder
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import javax.tools.ToolProvider
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * A user's named module on the module path, with thimble-java and thimble-coroutines as the published multi-release
 * jars: it compiles against `dev.thimble` and `dev.thimble.coroutines` (their META-INF/versions/9 descriptors) and
 * runs in a module layer of its own.
 */
class ModulePathTest {
  @TempDir lateinit var dir: Path

  @Test
  fun aNamedModuleRequiresBothThimbleModulesAndRuns() {
    val thimbleJava = jar("thimble.java.jar")
    val thimbleCoroutines = jar("thimble.coroutines.jar")
    // The Kotlin stdlib and kotlinx-coroutines jars of this test's own class path: named modules too.
    val stdlib = jarOf(Unit::class.java)
    val coroutines = jarOf(kotlinx.coroutines.CoroutineScope::class.java)
    val modulePath = listOf(thimbleJava, thimbleCoroutines, stdlib, coroutines)

    val src = dir.resolve("src")
    write(src.resolve("module-info.java"), "module app { requires dev.thimble.coroutines; exports app; }")
    write(
      src.resolve("app/App.java"),
      """
      package app;
      import dev.thimble.Thimble;
      import dev.thimble.coroutines.ThimbleDispatchers;
      import dev.thimble.testing.InlinePool;
      import java.util.function.Supplier;
      public final class App implements Supplier<String> {
        public interface Greeter { java.util.concurrent.CompletableFuture<String> greet(String name); }
        public static final class Blocking { public String greet(String name) { return "hello " + name; } }
        @Override public String get() {
          try (Thimble<Blocking> thimble = Thimble.of(new Blocking(), new InlinePool())) {
            String greeting = thimble.proxy(Greeter.class).greet("module").join();
            return greeting + " / " + ThimbleDispatchers.getDispatcher(thimble).getClass().getModule().getName()
                + " / " + Thimble.class.getModule().getName();
          }
        }
      }
      """.trimIndent(),
    )
    val out = dir.resolve("out")
    val javac = ToolProvider.getSystemJavaCompiler()
    val args = mutableListOf("-d", out.toString(), "--module-path", modulePath.joinToString(java.io.File.pathSeparator))
    Files.walk(src).use { files -> files.filter { it.toString().endsWith(".java") }.forEach { args.add(it.toString()) } }
    assertEquals(0, javac.run(null, null, null, *args.toTypedArray()), "javac of the module on the module path")

    val finder = ModuleFinder.of(out, *modulePath.toTypedArray())
    val boot = ModuleLayer.boot()
    val config = boot.configuration().resolve(finder, ModuleFinder.of(), setOf("app"))
    val layer = boot.defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader())
    assertTrue(layer.findModule("dev.thimble").isPresent, "dev.thimble is a named module, not an automatic one")
    assertTrue(!layer.findModule("dev.thimble").get().descriptor.isAutomatic)
    assertTrue(!layer.findModule("dev.thimble.coroutines").get().descriptor.isAutomatic)

    @Suppress("UNCHECKED_CAST")
    val app = layer.findLoader("app").loadClass("app.App").getDeclaredConstructor().newInstance() as java.util.function.Supplier<String>
    assertEquals("hello module / dev.thimble.coroutines / dev.thimble", app.get())
  }

  private fun jar(property: String): Path {
    val path = Paths.get(System.getProperty(property) ?: error("system property $property is not set (run by Maven)"))
    assertTrue(Files.isRegularFile(path), "$path is missing: build it first (mvn -B package)")
    return path
  }

  private fun jarOf(type: Class<*>): Path = Paths.get(type.protectionDomain.codeSource.location.toURI())

  private fun write(file: Path, text: String) {
    Files.createDirectories(file.parent)
    Files.write(file, text.toByteArray())
  }
}
