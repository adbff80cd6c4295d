package dev.thimble.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faces compiled with the processor and without it: the generated class compiles warning-free for Java 8, is what
 * {@code proxy} makes, and does what the reflective proxy does, call for call.
 */
class GeneratedFaceTest {
  static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("demo/JdbcRepository.java", String.join("\n",
        "package demo;",
        "import java.util.ArrayList;",
        "import java.util.List;",
        "public class JdbcRepository<E> {",
        "  protected final List<E> rows = new ArrayList<>();",
        "  public void store(E row) { rows.add(row); }",
        "  public E find(int index) { return rows.get(index); }",
        "  public List<E> all() { return new ArrayList<>(rows); }",
        "}"));
    SOURCES.put("demo/User.java", String.join("\n",
        "package demo;",
        "public final class User {",
        "  private final String name;",
        "  public User(String name) { this.name = name; }",
        "  @Override public String toString() { return \"User(\" + name + \")\"; }",
        "}"));
    SOURCES.put("demo/UserRepository.java", String.join("\n",
        "package demo;",
        "import java.io.IOException;",
        "import java.util.concurrent.CompletableFuture;",
        "public class UserRepository extends JdbcRepository<User> {",
        "  public int count() { return rows.size(); }",
        "  public long total(long... xs) { long t = 0; for (long x : xs) { t += x; } return t; }",
        "  public String describe(int x) { return \"int \" + x; }",
        "  public String describe(long x) { return \"long \" + x; }",
        "  public String describe(Object x) { return \"object \" + x; }",
        "  public String join(String separator, String... parts) { return String.join(separator, parts); }",
        "  public boolean empty() { return rows.isEmpty(); }",
        "  public double ratio() { return rows.size() / 4.0; }",
        "  public Integer boxed() { return rows.size(); }",
        "  public void reset() { rows.clear(); }",
        "  public void wipe() { rows.clear(); }",
        "  public CompletableFuture<String> remote(String query) {",
        "    return CompletableFuture.completedFuture(\"remote \" + query);",
        "  }",
        "  public String risky(String s) throws IOException { throw new IOException(s); }",
        "  public String declared(String s) throws IOException { throw new IOException(s); }",
        "  public String failing() { throw new IllegalStateException(\"boom\"); }",
        "  public <T> T pick(Class<T> type) { return type.cast(rows.isEmpty() ? null : rows.get(0)); }",
        "}"));
    SOURCES.put("demo/Counting.java", String.join("\n",
        "package demo;",
        "public interface Counting {",
        "  int count();",
        "}"));
    SOURCES.put("demo/AsyncUsers.java", String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "import java.io.IOException;",
        "import java.util.List;",
        "import java.util.concurrent.CompletableFuture;",
        "import java.util.concurrent.CompletionStage;",
        "import java.util.concurrent.Future;",
        "@ThimbleFace(target = UserRepository.class)",
        "public interface AsyncUsers extends Counting {",
        "  CompletableFuture<Void> store(User user);",
        "  CompletionStage<User> find(int index);",
        "  Future<List<User>> all();",
        "  long total(long... xs);",
        "  String describe(int x);",
        "  String describe(Integer x);",
        "  CompletableFuture<String> describe(short x);",
        "  String join(String separator, String... parts);",
        "  boolean empty();",
        "  double ratio();",
        "  int boxed();",
        "  void reset();",
        "  Void wipe();",
        "  CompletableFuture<String> remote(String query);",
        "  String risky(String s);",
        "  String declared(String s) throws IOException;",
        "  String failing();",
        "  <T> CompletableFuture<T> pick(Class<T> type);",
        "  default String greeting() { return \"hello, \" + count(); }",
        "  @Override String toString();",
        "}"));
    SOURCES.put("demo/Outer.java", String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "import java.util.concurrent.CompletableFuture;",
        "public class Outer {",
        "  public static class Engine {",
        "    public int rpm() { return 3000; }",
        "  }",
        "  @ThimbleFace(target = Engine.class)",
        "  public interface AsyncEngine {",
        "    CompletableFuture<Integer> rpm();",
        "  }",
        "  @ThimbleFace(target = Engine.class)",
        "  interface Generic<T> {",
        "    CompletableFuture<T> rpm();",
        "  }",
        "  @ThimbleFace(target = Engine.class)",
        "  private interface Hidden {",
        "    CompletableFuture<Integer> rpm();",
        "  }",
        "  public static Class<?> hidden() { return Hidden.class; }",
        "}"));
  }

  static Javac.Result generated;
  static Javac.Result reflective;

  @BeforeAll
  static void compile(@TempDir Path dir) {
    generated = Javac.compile(dir.resolve("generated"), true, SOURCES);
    reflective = Javac.compile(dir.resolve("reflective"), false, SOURCES);
  }

  @Test
  void generatedSourcesCompileForJava8WithoutWarnings() {
    assertTrue(generated.success, generated::toString);
    assertEquals(List.of(), generated.messages(Diagnostic.Kind.WARNING));
    assertEquals(List.of(), generated.messages(Diagnostic.Kind.MANDATORY_WARNING));
    assertEquals(List.of("demo/AsyncUsers_Thimble.java", "demo/Outer_AsyncEngine_Thimble.java"),
        generated.generatedFiles());
    String source = generated.generatedSource("demo/AsyncUsers_Thimble.java");
    assertTrue(source.startsWith("// Generated by thimble-processor from demo.AsyncUsers. Do not edit.\n"), source);
    assertFalse(source.contains("@Generated"), source);
    assertFalse(source.contains("java.lang.reflect.Method"), source);
    assertTrue(source.contains("target.describe((int) args[0])"), source);
  }

  @Test
  void genericAndPrivateFacesGetANoteAndTheReflectiveProxy() throws Exception {
    List<String> notes = generated.messages(Diagnostic.Kind.NOTE);
    assertEquals(2, notes.size(), notes::toString);
    assertTrue(notes.contains("thimble-processor: no class generated for Generic (it is generic); Thimble.proxy makes"
        + " a reflective proxy for it, which behaves the same"), notes::toString);
    assertTrue(notes.get(0).contains("Hidden") || notes.get(1).contains("Hidden"), notes::toString);
    ClassLoader loader = generated.loader();
    Class<?> hidden = (Class<?>) loader.loadClass("demo.Outer").getMethod("hidden").invoke(null);
    Object engine = loader.loadClass("demo.Outer$Engine").getConstructor().newInstance();
    try (Thimble<Object> thimble = Thimble.builder(engine).pool(new InlinePool("hidden")).build()) {
      Object face = thimble.proxy(hidden);
      assertTrue(Proxy.isProxyClass(face.getClass()));
    }
  }

  @Test
  void nestedFaceIsGenerated() throws Exception {
    assertEquals(List.of("3000"), run("demo.Outer$AsyncEngine", "demo.Outer$Engine", true,
        face -> List.of(call(face, "rpm", new Class<?>[0]))));
  }

  @Test
  void generatedAndReflectiveFacesDoTheSame() throws Exception {
    List<String> viaGenerated = run("demo.AsyncUsers", "demo.UserRepository", true, GeneratedFaceTest::scenario);
    List<String> viaReflection = run("demo.AsyncUsers", "demo.UserRepository", false, GeneratedFaceTest::scenario);
    assertEquals(viaReflection, viaGenerated);
    assertEquals(List.of(
        "null", // store: CompletableFuture<Void>
        "User(ada)", // find: CompletionStage, the generic target's E as User
        "[User(ada)]", // all: Future<List<User>>
        "1", // count, inherited from Counting
        "6", // varargs
        "int 1", "object 2", "object 3", // overloads: exact int; Integer fits Object; short boxes, fits Object only
        "a-b-c", // varargs after a fixed parameter
        "false", "0.25", "1", // primitive returns, one from a boxed Integer
        "hello, 1", // a default method runs as written
        "remote q", // already async: the target's own future
        "UndeclaredThrowableException: java.io.IOException: r", // checked, not declared: wrapped
        "IOException: d", // declared: as it is
        "IllegalStateException: boom", // unchecked: as it is
        "User(ada)", // a generic method's own type variable
        "null", "null", "0"), // void and Void, then the count again
        viaGenerated);
  }

  private static List<String> scenario(Object face) throws Exception {
    Class<?> user = face.getClass().getClassLoader().loadClass("demo.User");
    Object ada = user.getConstructor(String.class).newInstance("ada");
    List<String> out = new ArrayList<>();
    out.add(call(face, "store", new Class<?>[] {user}, ada));
    out.add(call(face, "find", new Class<?>[] {int.class}, 0));
    out.add(call(face, "all", new Class<?>[0]));
    out.add(call(face, "count", new Class<?>[0]));
    out.add(call(face, "total", new Class<?>[] {long[].class}, (Object) new long[] {1, 2, 3}));
    out.add(call(face, "describe", new Class<?>[] {int.class}, 1));
    out.add(call(face, "describe", new Class<?>[] {Integer.class}, 2));
    out.add(call(face, "describe", new Class<?>[] {short.class}, (short) 3));
    out.add(call(face, "join", new Class<?>[] {String.class, String[].class}, "-", new String[] {"a", "b", "c"}));
    out.add(call(face, "empty", new Class<?>[0]));
    out.add(call(face, "ratio", new Class<?>[0]));
    out.add(call(face, "boxed", new Class<?>[0]));
    out.add(call(face, "greeting", new Class<?>[0]));
    out.add(call(face, "remote", new Class<?>[] {String.class}, "q"));
    out.add(call(face, "risky", new Class<?>[] {String.class}, "r"));
    out.add(call(face, "declared", new Class<?>[] {String.class}, "d"));
    out.add(call(face, "failing", new Class<?>[0]));
    out.add(call(face, "pick", new Class<?>[] {Class.class}, user));
    out.add(call(face, "reset", new Class<?>[0]));
    out.add(call(face, "wipe", new Class<?>[0]));
    out.add(call(face, "count", new Class<?>[0]));
    return out;
  }

  interface Scenario {
    List<String> run(Object face) throws Exception;
  }

  /** Makes the face over a new target with the classes of one compilation, and runs {@code scenario} on it. */
  private static List<String> run(String faceName, String targetName, boolean withProcessor, Scenario scenario)
      throws Exception {
    Javac.Result result = withProcessor ? generated : reflective;
    ClassLoader loader = result.loader();
    Class<?> face = loader.loadClass(faceName);
    Object target = loader.loadClass(targetName).getConstructor().newInstance();
    try (Thimble<Object> thimble = Thimble.builder(target).pool(new InlinePool("faces")).build()) {
      Object proxy = thimble.proxy(face);
      assertEquals(!withProcessor, Proxy.isProxyClass(proxy.getClass()), proxy.getClass().getName());
      assertEquals(face.getSimpleName() + " proxy of " + thimble, proxy.toString());
      return scenario.run(proxy);
    }
  }

  /** What a call gave: its value (a future's, waited for), or what it threw, by simple name. */
  private static String call(Object face, String name, Class<?>[] parameterTypes, Object... args) {
    try {
      Method m = findMethod(face, name, parameterTypes);
      Object result = m.invoke(face, args.length == 0 ? null : args);
      if (result instanceof java.util.concurrent.CompletionStage) {
        result = ((java.util.concurrent.CompletionStage<?>) result).toCompletableFuture();
      }
      if (result instanceof Future) {
        result = ((Future<?>) result).get();
      }
      return String.valueOf(result);
    } catch (InvocationTargetException e) {
      return thrown(e.getCause());
    } catch (ExecutionException e) {
      return thrown(e.getCause());
    } catch (ReflectiveOperationException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Method findMethod(Object face, String name, Class<?>[] parameterTypes)
      throws NoSuchMethodException {
    for (Class<?> i : face.getClass().getInterfaces()) {
      try {
        return i.getMethod(name, parameterTypes);
      } catch (NoSuchMethodException e) {
        // next
      }
    }
    throw new NoSuchMethodException(name);
  }

  private static String thrown(Throwable t) {
    return t.getClass().getSimpleName() + ": " + (t.getCause() != null && t.getMessage() == null
        ? t.getCause().toString() : t.getMessage());
  }
}
