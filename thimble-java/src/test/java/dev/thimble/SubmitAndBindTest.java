package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.internal.Adapters;
import dev.thimble.internal.BoundMethod;
import dev.thimble.testing.ManualPool;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lambda face ({@code submit}) and the building block of adapters' own faces ({@code bind}). */
class SubmitAndBindTest {

  public static class Counter {
    private int count;

    public synchronized int add(int n) {
      count += n;
      return count;
    }

    public String name() {
      return "counter on " + Thread.currentThread().getName();
    }
  }

  /** The face methods an adapter would bind: their names and parameter types are what is matched. */
  public interface CounterFace {
    Object add(int n);

    Object name();

    Object remove(int n);
  }

  private static Method faceMethod(String name, Class<?>... parameterTypes) throws NoSuchMethodException {
    return CounterFace.class.getMethod(name, parameterTypes);
  }

  @Test
  void submitRunsTheFunctionWithTheTargetOnThePool() throws Exception {
    ManualPool pool = new ManualPool();
    Counter counter = new Counter();
    Thimble<Counter> thimble = Thimble.of(counter, pool);

    CompletableFuture<Integer> added = thimble.submit(c -> c.add(3));
    CompletableFuture<Counter> target = thimble.submit(c -> c);

    assertFalse(added.isDone());
    assertEquals(2, pool.runAll());
    assertEquals(3, added.get(10, SECONDS));
    assertSame(counter, target.get(10, SECONDS));
  }

  @Test
  void submitOfNullFailsFast() {
    Thimble<Counter> thimble = Thimble.of(new Counter(), new ManualPool());

    NullPointerException e = assertThrows(NullPointerException.class, () -> thimble.submit(null));
    assertEquals("call == null", e.getMessage());
  }

  @Test
  void boundMethodRunsOnThePoolOrOnTheCaller() throws Exception {
    ManualPool pool = new ManualPool("bound");
    Thimble<Counter> thimble = Thimble.of(new Counter(), pool);
    BoundMethod add = Adapters.bind(thimble, faceMethod("add", int.class), new Class<?>[] {int.class}, Integer.class);
    BoundMethod name = Adapters.bind(thimble, faceMethod("name"), new Class<?>[0], null);

    CompletableFuture<Object> added = add.submit(new Object[] {5});

    assertEquals(Counter.class.getMethod("add", int.class), add.targetMethod());
    assertFalse(added.isDone());
    assertEquals(1, pool.runAll());
    assertEquals(5, added.get(10, SECONDS));
    assertEquals(6, add.invoke(new Object[] {1}), "invoke calls on the caller's thread, at once");
    assertEquals("counter on " + Thread.currentThread().getName(), name.invoke(null));
  }

  @Test
  void boundMethodAppliesTheThimblesHooks() throws Exception {
    Thimble<Counter> thimble = Thimble.builder(new Counter()).pool(new ManualPool())
        .hook("add", (t, method, original) -> args -> original.invoke(new Object[] {(Integer) args[0] * 10}))
        .build();
    BoundMethod add = Adapters.bind(thimble, faceMethod("add", int.class), new Class<?>[] {int.class}, null);

    assertEquals(20, add.invoke(new Object[] {2}));
  }

  @Test
  void bindWithoutMatchingMethodFailsWithTheProxysMessage() throws Exception {
    Thimble<Counter> thimble = Thimble.of(new Counter(), new ManualPool());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adapters.bind(thimble, faceMethod("remove", int.class), new Class<?>[] {int.class}, null));
    assertEquals("Counter has no public method remove(int); its public methods: add(int), name()\n"
        + "    for method CounterFace.remove", e.getMessage());
  }

  @Test
  void bindMatchesTheGivenParameterTypesNotTheFaceMethods() throws Exception {
    Thimble<Counter> thimble = Thimble.of(new Counter(), new ManualPool());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adapters.bind(thimble, faceMethod("add", int.class), new Class<?>[] {long.class}, null));
    assertEquals("Counter has no public method add(long); closest: add(int) (parameter types must match exactly)\n"
        + "    for method CounterFace.add", e.getMessage());
  }

  @Test
  void bindChecksTheResultType() throws Exception {
    Thimble<Counter> thimble = Thimble.of(new Counter(), new ManualPool());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Adapters.bind(thimble, faceMethod("add", int.class), new Class<?>[] {int.class}, String.class));
    assertEquals("Counter.add(int) returns int, which does not fit the result type String; declare it as Integer "
        + "(or a supertype)\n    for method CounterFace.add", e.getMessage());
  }

  @Test
  void bindDoesNotStartThePool() throws Exception {
    ManualPool pool = new ManualPool();
    Adapters.bind(Thimble.of(new Counter(), pool), faceMethod("name"), new Class<?>[0], null);

    assertFalse(pool.isStarted());
    assertTrue(pool.pending() == 0);
  }
}
