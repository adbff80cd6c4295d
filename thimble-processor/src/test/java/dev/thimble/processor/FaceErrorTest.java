package dev.thimble.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.testing.InlinePool;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A face that does not match its target: the processor's compile error says what {@code proxy(...)} says, at the
 * face method's line. Each case is compiled twice: without the processor, to get the reflective proxy's message, and
 * with it.
 */
class FaceErrorTest {
  @TempDir Path dir;

  private static final String TARGETS = String.join("\n",
      "package demo;",
      "import java.util.concurrent.CompletableFuture;",
      "public class Car {",
      "  public String driveTo(String location) { return location; }",
      "  public int wheels() { return 4; }",
      "  public CompletableFuture<String> fetch() { return CompletableFuture.completedFuture(\"f\"); }",
      "  public String park(Comparable<?> spot) { return \"comparable\"; }",
      "  public String park(java.io.Serializable spot) { return \"serializable\"; }",
      "  public void honk() {}",
      "}");

  private static final String REPOSITORIES = String.join("\n",
      "package demo;",
      "public class Repositories {",
      "  public static class JdbcRepository<E> {",
      "    public E find(int id) { return null; }",
      "    public void store(E row) {}",
      "  }",
      "  public static class User {}",
      "  public static class UserRepository extends JdbcRepository<User> {}",
      "  public static class Empty {}",
      "}");

  /** The face's members, one per case: the member at the line marked HERE is the one that does not fit. */
  @ParameterizedTest
  @ValueSource(strings = {
      // no such method: a near miss by name
      "Car|CompletableFuture<String> drivTo(String location);",
      // no such method: the name is right, the parameter types are not
      "Car|CompletableFuture<String> driveTo(int location);",
      // a future whose value the target's result does not fit
      "Car|CompletableFuture<Integer> driveTo(String location);",
      // a member called on the caller's thread whose result does not fit
      "Car|int driveTo(String location);",
      "Car|String wheels();",
      // a target that already returns a future of another value
      "Car|CompletableFuture<Integer> fetch();",
      // two methods fit equally well
      "Car|CompletableFuture<String> park(String spot);",
      // void where a value is wanted
      "Car|CompletableFuture<String> honk();",
      // the generic target's E, as UserRepository binds it (User)
      "Repositories.UserRepository|CompletableFuture<String> find(int id);",
      "Repositories.UserRepository|CompletableFuture<Void> store(String row);",
      // a target with no methods of its own
      "Repositories.Empty|CompletableFuture<Void> anything();",
  })
  void aMemberThatDoesNotFitIsACompileErrorWithTheProxysMessage(String spec) throws Exception {
    String target = spec.substring(0, spec.indexOf('|'));
    String member = spec.substring(spec.indexOf('|') + 1);
    String face = String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "import java.util.concurrent.CompletableFuture;",
        "@ThimbleFace(target = " + target + ".class)",
        "public interface Face {",
        "  " + member + " // HERE",
        "}");
    Map<String, String> sources = sources(face);
    String expected = reflectiveMessage(sources, "demo.Face", "demo." + target.replace('.', '$'));

    Javac.Result compiled = Javac.compile(dir.resolve("with"), true, sources);
    assertFalse(compiled.success, compiled::toString);
    List<Diagnostic<? extends JavaFileObject>> errors = compiled.of(Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), compiled::toString);
    assertEquals(List.of("ERROR: " + expected), compiled.printed);
    assertEquals(asJavacShowsIt(expected), errors.get(0).getMessage(Locale.ROOT));
    assertEquals(Javac.lineOf(face, "// HERE"), errors.get(0).getLineNumber());
    assertTrue(errors.get(0).getSource().toUri().toString().endsWith("demo/Face.java"));
    assertEquals(List.of(), compiled.generatedFiles());
  }

  @Test
  void theMessagesAreTheOnesTheProxyGives() throws Exception {
    // Spot checks of the words, so that a change of both producers at once is seen.
    Map<String, String> sources = sources(String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "import java.util.concurrent.CompletableFuture;",
        "@ThimbleFace(target = Car.class)",
        "public interface Face {",
        "  CompletableFuture<String> park(String spot);",
        "}"));
    Javac.Result compiled = Javac.compile(dir.resolve("with"), true, sources);
    assertEquals(List.of("ERROR: Car has 2 public methods that fit park(String) equally well: park(Comparable<?>), "
        + "park(Serializable); declare the face method's parameter types as those of the one to call\n"
        + "    for method Face.park"), compiled.printed);
  }

  @Test
  void aClassIsNoFace() throws Exception {
    String face = String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "@ThimbleFace(target = Car.class)",
        "public abstract class Face { // HERE",
        "}");
    Map<String, String> sources = sources(face);
    String expected = reflectiveMessage(sources, "demo.Face", "demo.Car");
    assertEquals("face must be an interface, but demo.Face is a class; declare an interface that mirrors the "
        + "methods of Car", expected);
    Javac.Result compiled = Javac.compile(dir.resolve("with"), true, sources);
    List<Diagnostic<? extends JavaFileObject>> errors = compiled.of(Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), compiled::toString);
    assertEquals(List.of("ERROR: " + expected), compiled.printed);
    assertEquals(asJavacShowsIt(expected), errors.get(0).getMessage(Locale.ROOT));
    assertEquals(Javac.lineOf(face, "// HERE"), errors.get(0).getLineNumber());
  }

  /** javac indents a message's later lines by two more spaces. */
  private static String asJavacShowsIt(String message) {
    return message.replace("\n", "\n  ");
  }

  @Test
  void everyMemberThatDoesNotFitIsReported() {
    Javac.Result compiled = Javac.compile(dir, true, sources(String.join("\n",
        "package demo;",
        "import dev.thimble.ThimbleFace;",
        "import java.util.concurrent.CompletableFuture;",
        "@ThimbleFace(target = Car.class)",
        "public interface Face {",
        "  CompletableFuture<String> drive(String location);",
        "  CompletableFuture<String> driveTo(String location);",
        "  String wheels();",
        "}")));
    assertEquals(List.of(6L, 8L), compiled.of(Diagnostic.Kind.ERROR).stream().map(Diagnostic::getLineNumber)
        .sorted().collect(java.util.stream.Collectors.toList()), compiled::toString);
  }

  private static Map<String, String> sources(String face) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("demo/Car.java", TARGETS);
    sources.put("demo/Repositories.java", REPOSITORIES);
    sources.put("demo/Face.java", face);
    return sources;
  }

  /** What {@code proxy(face)} throws over a new {@code target}, compiled without the processor. */
  private String reflectiveMessage(Map<String, String> sources, String face, String target) throws Exception {
    Javac.Result plain = Javac.compile(dir.resolve("without"), false, sources);
    assertTrue(plain.success, plain::toString);
    ClassLoader loader = plain.loader();
    Object instance = loader.loadClass(target).getConstructor().newInstance();
    Class<?> faceClass = loader.loadClass(face);
    try (Thimble<Object> thimble = Thimble.builder(instance).pool(new InlinePool("errors")).build()) {
      return assertThrows(IllegalArgumentException.class, () -> thimble.proxy(faceClass)).getMessage();
    }
  }
}
