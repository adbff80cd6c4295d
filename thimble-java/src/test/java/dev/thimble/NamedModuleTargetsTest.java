package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.InlinePool;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets in a user's named module: reached through what the module exports, and where it exports nothing that
 * declares the method, {@code proxy(...)} fails at once saying which line to add to its module-info.java. The module
 * is compiled here and loaded in a layer of its own; thimble, on the test class path, is in the unnamed module.
 */
class NamedModuleTargetsTest {
  @TempDir static Path dir;
  private static ModuleLayer layer;

  @BeforeAll
  static void compileTheModule() throws IOException {
    Path src = dir.resolve("src");
    write(src, "module-info.java", "module com.example.shop {\n"
        + "  exports com.example.shop.api;\n"
        + "  opens com.example.shop.reflective;\n"
        + "}");
    write(src, "com/example/shop/api/Stock.java", "package com.example.shop.api;\n"
        + "public interface Stock { int count(String item); }");
    write(src, "com/example/shop/api/Shop.java", "package com.example.shop.api;\n"
        + "public final class Shop {\n"
        + "  public static Object stock() { return new com.example.shop.internal.WarehouseStock(); }\n"
        + "  public static Object ledger() { return new com.example.shop.internal.Ledger(); }\n"
        + "  public static Object audit() { return new com.example.shop.reflective.Audit(); }\n"
        + "}");
    write(src, "com/example/shop/internal/WarehouseStock.java", "package com.example.shop.internal;\n"
        + "public class WarehouseStock implements com.example.shop.api.Stock {\n"
        + "  public int count(String item) { return item.length(); }\n"
        + "}");
    write(src, "com/example/shop/internal/Ledger.java", "package com.example.shop.internal;\n"
        + "public class Ledger { public String balance(String account) { return account + \": 0\"; } }");
    write(src, "com/example/shop/internal/Greeting.java", "package com.example.shop.internal;\n"
        + "public interface Greeting {\n"
        + "  java.util.concurrent.CompletableFuture<String> check(String account);\n"
        + "  default String hello() { return \"hello\"; }\n"
        + "}");
    write(src, "com/example/shop/reflective/Audit.java", "package com.example.shop.reflective;\n"
        + "public class Audit { public String check(String account) { return account + \" checked\"; } }");
    Path out = Files.createDirectories(dir.resolve("out"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Path> files = new ArrayList<>();
    try (java.util.stream.Stream<Path> all = Files.walk(src)) {
      all.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      boolean ok = javac.getTask(null, fm, null, List.of("-d", out.toString()), null,
          fm.getJavaFileObjectsFromPaths(files)).call();
      assertTrue(ok, "the test module compiles");
    }
    Configuration cf = ModuleLayer.boot().configuration()
        .resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of("com.example.shop"));
    layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
  }

  private static void write(Path src, String file, String text) throws IOException {
    Path path = src.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private static Object make(String factory) throws Exception {
    return layer.findLoader("com.example.shop").loadClass("com.example.shop.api.Shop").getMethod(factory)
        .invoke(null);
  }

  private final InlinePool pool = new InlinePool();

  public interface AsyncStock {
    CompletableFuture<Integer> count(String item);
  }

  @Test
  void aClassOfAPackageNotExportedIsCalledThroughTheExportedInterfaceItImplements() throws Exception {
    Object stock = make("stock");
    assertEquals("com.example.shop.internal.WarehouseStock", stock.getClass().getName());

    assertEquals(5, Thimble.of(stock, pool).proxy(AsyncStock.class).count("bolts").get());
  }

  public interface AsyncLedger {
    CompletableFuture<String> balance(String account);
  }

  @Test
  void aMethodNoExportedTypeDeclaresFailsAtProxyNamingTheExportsLine() throws Exception {
    Thimble<Object> ledger = Thimble.of(make("ledger"), pool);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.proxy(AsyncLedger.class));
    assertEquals("balance(String) is declared by com.example.shop.internal.Ledger, which is public, but module "
        + "com.example.shop does not export com.example.shop.internal to the unnamed module that thimble is in (on "
        + "the class path), and no public supertype it exports declares the method; add "
        + "`exports com.example.shop.internal;` to the module-info.java of com.example.shop (or run with "
        + "--add-exports com.example.shop/com.example.shop.internal=ALL-UNNAMED)\n"
        + "    for method AsyncLedger.balance", e.getMessage());
  }

  public interface AsyncAudit {
    CompletableFuture<String> check(String account);
  }

  @Test
  void aPackageTheModuleOpensIsReachedByReflection() throws Exception {
    assertEquals("books checked", Thimble.of(make("audit"), pool).proxy(AsyncAudit.class).check("books").get());
  }

  @Test
  void aFaceWithADefaultMethodInAPackageNotExportedFailsAtProxyNamingTheExportsLine() throws Exception {
    Class<?> face = layer.findLoader("com.example.shop").loadClass("com.example.shop.internal.Greeting");
    Thimble<Object> audit = Thimble.of(make("audit"), pool);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> audit.proxy(face));
    assertEquals("default method hello() cannot be run: its interface com.example.shop.internal.Greeting is public, "
        + "but module com.example.shop does not export com.example.shop.internal to the unnamed module that thimble "
        + "is in (on the class path); add `exports com.example.shop.internal;` to the module-info.java of "
        + "com.example.shop (or run with --add-exports com.example.shop/com.example.shop.internal=ALL-UNNAMED)\n"
        + "    for method Greeting.hello", e.getMessage());
  }

  @Test
  void withThimbleAsTheNamedModuleTheLineExportsToDevThimble() {
    assertEquals("which is public, but module com.example.shop does not export com.example.shop.internal to "
        + "dev.thimble, and no public supertype it exports declares the method; add "
        + "`exports com.example.shop.internal to dev.thimble;` to the module-info.java of com.example.shop",
        ModuleAccess.advice("com.example.shop", "com.example.shop.internal", true, "dev.thimble"));
    assertEquals("which is not public, and module com.example.shop does not open com.example.shop.internal to "
        + "dev.thimble, and no public supertype it exports declares the method; add "
        + "`opens com.example.shop.internal to dev.thimble;` to the module-info.java of com.example.shop",
        ModuleAccess.advice("com.example.shop", "com.example.shop.internal", false, "dev.thimble"));
  }
}
