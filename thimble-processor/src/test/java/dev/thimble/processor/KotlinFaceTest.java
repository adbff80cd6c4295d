package dev.thimble.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.coroutines.SuspendingFaces;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import kotlin.Metadata;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.metadata.Attributes;
import kotlin.metadata.ClassKind;
import kotlin.metadata.KmClass;
import kotlin.metadata.KmClassifier;
import kotlin.metadata.KmFunction;
import kotlin.metadata.KmType;
import kotlin.metadata.KmTypeProjection;
import kotlin.metadata.KmVariance;
import kotlin.metadata.jvm.JvmExtensionsKt;
import kotlin.metadata.jvm.JvmMetadataVersion;
import kotlin.metadata.jvm.JvmMethodSignature;
import kotlin.metadata.jvm.KotlinClassMetadata;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.flow.FlowKt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kotlin faces, as kapt hands them to the processor: a Java stub of the interface with the class's
 * {@code @kotlin.Metadata} (written here with kotlin-metadata-jvm, as kotlinc writes it: the members' Kotlin return
 * types and nullability, keyed by JVM signature), {@code suspend fun}s as methods taking a {@code Continuation}, and
 * bodies in {@code DefaultImpls}. The generated class calls {@code GeneratedMembers} (thimble-coroutines); a stand-in
 * of it, compiled here with the same signatures, records what it is handed, which is checked against what
 * {@code suspending<S>()}'s reflective face does with the same stub: the same null messages, the same {@code Unit}
 * handling. That the real {@code GeneratedMembers} then behaves as the reflective face is thimble-coroutines' proof.
 */
class KotlinFaceTest {
  static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("demo/Rows.java", String.join("\n",
        "package demo;",
        "import java.util.Arrays;",
        "import java.util.Iterator;",
        "import java.util.List;",
        "public class Rows {",
        "  public String find(int id) { return id == 0 ? null : \"row \" + id; }",
        "  public String findOrNull(int id) { return null; }",
        "  public void touch() {}",
        "  public String later(int id) { return null; }",
        "  public String laterOrNull(int id) { return null; }",
        "  public List<Integer> numbers(int n) { return Arrays.asList(1, null); }",
        "  public Iterator<String> names() { return Arrays.asList(\"a\", null).iterator(); }",
        "  public int size() { return 3; }",
        "}"));
    SOURCES.put("demo/SuspendRows.java", String.join("\n",
        "package demo;",
        "import kotlin.coroutines.Continuation;",
        "import kotlinx.coroutines.Deferred;",
        "import kotlinx.coroutines.flow.Flow;",
        metadata(rowsMetadata()),
        "@dev.thimble.ThimbleFace(target = Rows.class)",
        "public interface SuspendRows {",
        "  Object find(int id, Continuation<? super String> $completion);",
        "  Object findOrNull(int id, Continuation<? super String> $completion);",
        "  Object touch(Continuation<? super kotlin.Unit> $completion);",
        "  Deferred<String> later(int id);",
        "  Deferred<String> laterOrNull(int id);",
        "  Flow<Integer> numbers(int n);",
        "  Flow<String> names();",
        "  int size();",
        "  String describe();",
        "  Object greet(String name, Continuation<? super String> $completion);",
        "  final class DefaultImpls {",
        "    public static String describe(SuspendRows $this) { return \"rows: \" + $this.size(); }",
        "    public static Object greet(SuspendRows $this, String name, Continuation<? super String> $completion) {",
        "      return \"hello \" + name;",
        "    }",
        "  }",
        "}"));
    // The real one is thimble-coroutines' (GeneratedMembers.kt): Java sees these signatures.
    SOURCES.put("dev/thimble/coroutines/internal/GeneratedMembers.java", String.join("\n",
        "package dev.thimble.coroutines.internal;",
        "import dev.thimble.Thimble;",
        "import dev.thimble.internal.BoundMethod;",
        "import java.util.ArrayList;",
        "import java.util.Arrays;",
        "import java.util.List;",
        "import java.util.concurrent.Callable;",
        "import kotlin.coroutines.Continuation;",
        "import kotlinx.coroutines.Deferred;",
        "import kotlinx.coroutines.flow.Flow;",
        "public final class GeneratedMembers {",
        "  public static final List<List<Object>> CALLS = new ArrayList<>();",
        "  private GeneratedMembers() {}",
        "  public static Object suspendCall(BoundMethod member, Object[] args, boolean returnsUnit, String ifNull,",
        "      Continuation<?> continuation) {",
        "    CALLS.add(Arrays.asList(\"suspendCall\", member.targetMethod().getName(), args == null ? null : Arrays.asList(args),",
        "        returnsUnit, ifNull, continuation != null));",
        "    return \"suspended\";",
        "  }",
        "  public static <T> Deferred<T> deferredCall(Thimble<?> thimble, BoundMethod member, Object[] args,",
        "      boolean returnsUnit, String ifNull) {",
        "    CALLS.add(Arrays.asList(\"deferredCall\", member.targetMethod().getName(), args == null ? null : Arrays.asList(args),",
        "        returnsUnit, ifNull, thimble != null));",
        "    return null;",
        "  }",
        "  public static <T> Flow<T> flowCall(Thimble<?> thimble, BoundMethod member, Object[] args,",
        "      String ifNullSource, String ifNullElement) {",
        "    CALLS.add(Arrays.asList(\"flowCall\", member.targetMethod().getName(), args == null ? null : Arrays.asList(args),",
        "        ifNullSource, ifNullElement, thimble != null));",
        "    return null;",
        "  }",
        "  public static Object suspendBody(Continuation<?> continuation, Callable<Object> body) {",
        "    CALLS.add(Arrays.asList(\"suspendBody\", continuation != null));",
        "    try {",
        "      return body.call();",
        "    } catch (Exception e) {",
        "      throw new IllegalStateException(e);",
        "    }",
        "  }",
        "}"));
  }

  /** The metadata kotlinc writes for {@code SuspendRows}: each member's Kotlin return type, by JVM signature. */
  static Metadata rowsMetadata() {
    KmClass c = new KmClass();
    c.setName("demo/SuspendRows");
    Attributes.setKind(c, ClassKind.INTERFACE);
    String continuation = "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;";
    c.getFunctions().add(function("find", "(I" + continuation, type("kotlin/String", false), true));
    c.getFunctions().add(function("findOrNull", "(I" + continuation, type("kotlin/String", true), true));
    c.getFunctions().add(function("touch", "(" + continuation, type("kotlin/Unit", false), true));
    c.getFunctions().add(function("later", "(I)Lkotlinx/coroutines/Deferred;",
        type("kotlinx/coroutines/Deferred", false, type("kotlin/String", false)), false));
    c.getFunctions().add(function("laterOrNull", "(I)Lkotlinx/coroutines/Deferred;",
        type("kotlinx/coroutines/Deferred", false, type("kotlin/String", true)), false));
    c.getFunctions().add(function("numbers", "(I)Lkotlinx/coroutines/flow/Flow;",
        type("kotlinx/coroutines/flow/Flow", false, type("kotlin/Int", false)), false));
    c.getFunctions().add(function("names", "()Lkotlinx/coroutines/flow/Flow;",
        type("kotlinx/coroutines/flow/Flow", false, type("kotlin/String", true)), false));
    c.getFunctions().add(function("size", "()I", type("kotlin/Int", false), false));
    c.getFunctions().add(function("describe", "()Ljava/lang/String;", type("kotlin/String", false), false));
    c.getFunctions().add(function("greet", "(Ljava/lang/String;" + continuation, type("kotlin/String", false),
        true));
    return new KotlinClassMetadata.Class(c, JvmMetadataVersion.LATEST_STABLE_SUPPORTED, 0).write();
  }

  static KmType type(String kotlinClass, boolean nullable, KmType... arguments) {
    KmType t = new KmType();
    t.setClassifier(new KmClassifier.Class(kotlinClass));
    Attributes.setNullable(t, nullable);
    for (KmType a : arguments) {
      t.getArguments().add(new KmTypeProjection(KmVariance.INVARIANT, a));
    }
    return t;
  }

  static KmFunction function(String name, String descriptor, KmType returnType, boolean suspend) {
    KmFunction f = new KmFunction(name);
    f.setReturnType(returnType);
    Attributes.setSuspend(f, suspend);
    JvmExtensionsKt.setSignature(f, new JvmMethodSignature(name, descriptor));
    return f;
  }

  /** {@code @kotlin.Metadata(...)}, as source. */
  static String metadata(Metadata m) {
    StringBuilder s = new StringBuilder("@kotlin.Metadata(k = ").append(m.k()).append(", mv = {");
    for (int i = 0; i < m.mv().length; i++) {
      s.append(i > 0 ? ", " : "").append(m.mv()[i]);
    }
    s.append("}, d1 = {").append(strings(m.d1())).append("}, d2 = {").append(strings(m.d2())).append("}, xi = ")
        .append(m.xi()).append(')');
    return s.toString();
  }

  private static String strings(String[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i > 0 ? ", " : "").append('"');
      for (char c : values[i].toCharArray()) {
        if (c == '"' || c == '\\') {
          s.append('\\').append(c);
        } else if (c < 0x20 || (c > 0x7e && c <= 0xff)) {
          s.append(String.format("\\%03o", (int) c)); // octal: a unicode escape of a line break ends the line
        } else if (c > 0xff) {
          s.append(String.format("\\u%04x", (int) c));
        } else {
          s.append(c);
        }
      }
      s.append('"');
    }
    return s.toString();
  }

  /**
   * javac warns (-Xlint:processing) that no processor claims {@code @kotlin.Metadata}: a warning about the stubs, which
   * every kapt build with any processor would give, not about the generated code, which -Xlint's other categories and
   * -Werror still check.
   */
  static final String NO_METADATA_CLAIM_WARNING = "-Xlint:-processing";

  static Javac.Result generated;
  static Javac.Result reflective;

  @BeforeAll
  static void compile(@TempDir Path dir) {
    generated = Javac.compile(dir.resolve("generated"), true, SOURCES, NO_METADATA_CLAIM_WARNING);
    reflective = Javac.compile(dir.resolve("reflective"), false, SOURCES, NO_METADATA_CLAIM_WARNING);
    assertTrue(reflective.success, reflective::toString);
  }

  @Test
  void theGeneratedClassCompilesForJava8WithoutWarnings() {
    assertTrue(generated.success, generated::toString);
    assertEquals(List.of(), generated.messages(Diagnostic.Kind.WARNING));
    assertEquals(List.of(), generated.messages(Diagnostic.Kind.NOTE));
    assertTrue(generated.generatedFiles().contains("demo/SuspendRows_Thimble.java"), generated::toString);
    String source = generated.generatedSource("demo/SuspendRows_Thimble.java");
    assertTrue(source.contains("return SuspendRows.DefaultImpls.describe(this);"), source);
  }

  @Test
  void membersHandGeneratedMembersWhatTheReflectiveFaceUses() throws Exception {
    ClassLoader loader = generated.childFirstLoader();
    Class<?> face = loader.loadClass("demo.SuspendRows");
    @SuppressWarnings("unchecked")
    List<List<Object>> calls = (List<List<Object>>) loader.loadClass(
        "dev.thimble.coroutines.internal.GeneratedMembers").getField("CALLS").get(null);
    Object rows = loader.loadClass("demo.Rows").getConstructor().newInstance();
    try (Thimble<Object> thimble = Thimble.builder(rows).pool(new InlinePool("kotlin")).build()) {
      Object made = SuspendingFaces.suspending(thimble, JvmClassMappingKt.getKotlinClass(face));
      assertEquals("demo.SuspendRows_Thimble", made.getClass().getName());
      assertEquals("SuspendRows suspending proxy of " + thimble, made.toString());
      Object continuation = new kotlin.coroutines.Continuation<Object>() {
        @Override
        public kotlin.coroutines.CoroutineContext getContext() {
          return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {}
      };
      Class<?> c = kotlin.coroutines.Continuation.class;
      assertEquals("suspended", face.getMethod("find", int.class, c).invoke(made, 0, continuation));
      face.getMethod("findOrNull", int.class, c).invoke(made, 1, continuation);
      face.getMethod("touch", c).invoke(made, continuation);
      face.getMethod("later", int.class).invoke(made, 2);
      face.getMethod("laterOrNull", int.class).invoke(made, 3);
      face.getMethod("numbers", int.class).invoke(made, 4);
      face.getMethod("names").invoke(made);
      assertEquals(3, face.getMethod("size").invoke(made));
      assertEquals("rows: 3", face.getMethod("describe").invoke(made));
      assertEquals("hello ada", face.getMethod("greet", String.class, c).invoke(made, "ada", continuation));
    }
    // What the reflective face says of the same nulls, to the letter.
    String findNull = reflectiveFailure("find", new Class<?>[] {int.class}, 0);
    String laterNull = reflectiveFailure("later", new Class<?>[] {int.class}, 2);
    String numbersNull = reflectiveFailure("numbers", new Class<?>[] {int.class}, 4);
    assertEquals("Rows.find(int) returned null, which the face's String does not admit; declare it as String? to let"
        + " null through\n    for method SuspendRows.find", findNull);
    assertEquals("Rows.later(int) returned null, which the face's Deferred<String> does not admit; declare it as "
        + "Deferred<String?> to let null through\n    for method SuspendRows.later", laterNull);
    assertEquals("Rows.numbers(int) returned a null element, which the face's Flow<Int> does not admit; declare it as"
        + " Flow<Int?> to let null through\n    for method SuspendRows.numbers", numbersNull);
    assertEquals("[a, null]", reflectiveOutcome("names", new Class<?>[0])); // Flow<String?>: nulls admitted
    assertEquals(List.of(
        Arrays.asList("suspendCall", "find", List.of(0), false, findNull, true),
        Arrays.asList("suspendCall", "findOrNull", List.of(1), false, null, true),
        Arrays.asList("suspendCall", "touch", null, true, null, true),
        Arrays.asList("deferredCall", "later", List.of(2), false, laterNull, true),
        Arrays.asList("deferredCall", "laterOrNull", List.of(3), false, null, true),
        Arrays.asList("flowCall", "numbers", List.of(4), "Rows.numbers(int) returned null, which a Flow cannot be made"
            + " from; return an empty List<Integer> instead\n    for method SuspendRows.numbers", numbersNull, true),
        Arrays.asList("flowCall", "names", null, "Rows.names() returned null, which a Flow cannot be made from; "
            + "return an empty Iterator<String> instead\n    for method SuspendRows.names", null, true),
        Arrays.asList("suspendBody", true)), calls);
  }

  /** The message of what {@code suspending<S>()}'s reflective face fails a member's call with, run to its end. */
  private static String reflectiveFailure(String name, Class<?>[] parameterTypes, Object... args) throws Exception {
    try {
      String outcome = reflectiveOutcome(name, parameterTypes, args);
      throw new AssertionError(name + " did not fail: " + outcome);
    } catch (NullPointerException e) {
      return e.getMessage();
    }
  }

  private static String reflectiveOutcome(String name, Class<?>[] parameterTypes, Object... args) throws Exception {
    ClassLoader loader = reflective.loader();
    Class<?> face = loader.loadClass("demo.SuspendRows");
    Object rows = loader.loadClass("demo.Rows").getConstructor().newInstance();
    try (Thimble<Object> thimble = Thimble.builder(rows).pool(new InlinePool("kotlin")).build()) {
      Object made = SuspendingFaces.suspending(thimble, JvmClassMappingKt.getKotlinClass(face));
      assertTrue(Proxy.isProxyClass(made.getClass()));
      boolean suspends = Arrays.stream(face.getMethods()).anyMatch(m -> m.getName().equals(name)
          && m.getParameterTypes().length == parameterTypes.length + 1);
      Object result = BuildersKt.runBlocking(EmptyCoroutineContext.INSTANCE, (scope, continuation) -> {
        try {
          if (suspends) {
            Class<?>[] all = Arrays.copyOf(parameterTypes, parameterTypes.length + 1);
            all[parameterTypes.length] = kotlin.coroutines.Continuation.class;
            Object[] withContinuation = Arrays.copyOf(args, args.length + 1);
            withContinuation[args.length] = continuation;
            return face.getMethod(name, all).invoke(made, withContinuation);
          }
          Object value = face.getMethod(name, parameterTypes).invoke(made, args);
          if (value instanceof Deferred) {
            return ((Deferred<?>) value).await(continuation);
          }
          return FlowKt.toList((Flow<?>) value, new ArrayList<>(), continuation);
        } catch (InvocationTargetException e) {
          throw (RuntimeException) e.getCause();
        } catch (IllegalAccessException | NoSuchMethodException e) {
          throw new IllegalStateException(e);
        }
      });
      return String.valueOf(result);
    }
  }

  @Test
  void aKotlinMemberThatDoesNotFitIsACompileErrorWithTheReflectiveFacesMessage(@TempDir Path dir) throws Exception {
    for (String[] c : new String[][] {
        // a suspend fun's result, named as Kotlin names it
        {"Object find(int id, Continuation<? super Integer> $completion);", "(I"
            + "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;", "kotlin/Int"},
        // a Flow over what is no source of elements
        {"Flow<Integer> size();", "()Lkotlinx/coroutines/flow/Flow;", "kotlinx/coroutines/flow/Flow"},
        // a member on the caller's thread whose result does not fit: "declare it suspend"
        {"String size();", "()Ljava/lang/String;", "kotlin/String"}}) {
      KmClass k = new KmClass();
      k.setName("demo/Bad");
      Attributes.setKind(k, ClassKind.INTERFACE);
      String name = c[0].substring(c[0].indexOf(' ') + 1, c[0].indexOf('('));
      KmType returnType = c[2].endsWith("Flow") ? type(c[2], false, type("kotlin/Int", false)) : type(c[2], false);
      k.getFunctions().add(function(name, c[1], returnType, c[0].contains("Continuation")));
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put("demo/Rows.java", SOURCES.get("demo/Rows.java"));
      String face = String.join("\n",
          "package demo;",
          "import kotlin.coroutines.Continuation;",
          "import kotlinx.coroutines.flow.Flow;",
          metadata(new KotlinClassMetadata.Class(k, JvmMetadataVersion.LATEST_STABLE_SUPPORTED, 0).write()),
          "@dev.thimble.ThimbleFace(target = Rows.class)",
          "public interface Bad {",
          "  " + c[0] + " // HERE",
          "}");
      sources.put("demo/Bad.java", face);
      Path caseDir = dir.resolve(name + sources.size() + c[2].replace('/', '_'));
      Javac.Result plain = Javac.compile(caseDir.resolve("without"), false, sources, NO_METADATA_CLAIM_WARNING);
      assertTrue(plain.success, plain::toString);
      ClassLoader loader = plain.loader();
      Object rows = loader.loadClass("demo.Rows").getConstructor().newInstance();
      String expected;
      try (Thimble<Object> thimble = Thimble.builder(rows).pool(new InlinePool("kotlin")).build()) {
        Class<?> bad = loader.loadClass("demo.Bad");
        expected = assertThrows(IllegalArgumentException.class,
            () -> SuspendingFaces.suspending(thimble, JvmClassMappingKt.getKotlinClass(bad))).getMessage();
      }
      Javac.Result compiled = Javac.compile(caseDir.resolve("with"), true, sources, NO_METADATA_CLAIM_WARNING);
      assertFalse(compiled.success, compiled::toString);
      assertEquals(List.of("ERROR: " + expected), compiled.printed);
      assertEquals(Javac.lineOf(face, "// HERE"), compiled.of(Diagnostic.Kind.ERROR).get(0).getLineNumber());
    }
  }
}
