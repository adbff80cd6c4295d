package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thimble.internal.Adapters;
import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceAdapter;
import dev.thimble.internal.MemberCall;
import dev.thimble.internal.ReturnKind;
import dev.thimble.testing.ManualPool;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An adapter adds a kind of return to the core's parser, and gets the parser's matching, checks and messages. */
class FaceParserKindsTest {
  public static final class Counter {
    public int add(int n) {
      return n + 1;
    }

    public int later(int n) {
      return n + 1;
    }
  }

  /** {@code add} as a {@code Callable}, of the adapter's kind; {@code later} as a future, of the core's. */
  public interface LazyCounter {
    Callable<Integer> add(int n);

    CompletableFuture<Integer> later(int n);
  }

  public interface LazyCounterOfText {
    Callable<String> add(int n);
  }

  /** A kind that returns a {@code Callable} calling the target on whoever calls it. */
  static final class CallableKind implements ReturnKind {
    @Override
    public boolean recognises(Method member) {
      return member.getReturnType() == Callable.class;
    }

    @Override
    public Class<?>[] targetParameters(Method member) {
      return member.getParameterTypes();
    }

    @Override
    public Type resultType(Method member) {
      return TargetMethods.typeArgument(member.getGenericReturnType());
    }

    @Override
    public MemberCall adapt(Method member, BoundMethod call) {
      return (proxy, args) -> (Callable<Object>) () -> call.invoke(args);
    }
  }

  static final FaceAdapter LAZY = new FaceAdapter() {
    @Override
    public List<ReturnKind> kinds() {
      return Collections.singletonList(new CallableKind());
    }

    @Override
    public String proxyName() {
      return "lazy proxy";
    }
  };

  @Test
  void adapterKindAdaptsItsMembersAndTheCoreKeepsTheRest() throws Exception {
    ManualPool pool = new ManualPool("kinds");
    Thimble<Counter> thimble = Thimble.of(new Counter(), pool);

    LazyCounter face = Adapters.proxy(thimble, LazyCounter.class, LAZY);

    assertEquals(6, face.add(5).call());
    CompletableFuture<Integer> later = face.later(1);
    assertEquals(1, pool.runAll());
    assertEquals(2, later.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals("LazyCounter lazy proxy of " + thimble, face.toString());
  }

  @Test
  void adapterKindIsCheckedWithTheParsersMessages() {
    Thimble<Counter> thimble = Thimble.of(new Counter(), new ManualPool());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adapters.proxy(thimble, LazyCounterOfText.class, LAZY));

    assertSame(IllegalArgumentException.class, e.getClass());
    assertEquals("Counter.add(int) returns int, which does not fit the result type String; declare it as Integer "
        + "(or a supertype)\n    for method LazyCounterOfText.add", e.getMessage());
  }
}
