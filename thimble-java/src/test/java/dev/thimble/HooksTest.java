package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Hooks (DESIGN 3.3): applied once, before the call is made asynchronous; and {@code Hooks.callbacksOn}. */
class HooksTest {

  public static class Adder {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    public int add(int a, int b) {
      log.add("add on " + Thread.currentThread().getName());
      return a + b;
    }

    public int negate(int a) {
      return -a;
    }
  }

  @ThimbleFace(target = Adder.class)
  public interface AsyncAdder {
    CompletableFuture<Integer> add(int a, int b);

    int negate(int a);
  }

  @ThimbleFace(target = Adder.class)
  public interface SyncAdder {
    int add(int a, int b);
  }

  /** Records when it wraps and when its invoker runs, then calls on. */
  static final class Recording implements Hook {
    private final String label;
    private final List<String> events;

    Recording(String label, List<String> events) {
      this.label = label;
      this.events = events;
    }

    @Override
    public Invoker wrap(Thimble<?> thimble, Method method, Invoker original) {
      events.add("wrap " + label + " " + method.getName());
      return args -> {
        events.add("enter " + label + " on " + Thread.currentThread().getName());
        return original.invoke(args);
      };
    }
  }

  @Test
  void hookIsAppliedOnceWhenTheFaceIsMadeAndItsInvokerRunsOnThePool() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try (ThimblePool pool = ThimblePool.builder("hooks").threads(0, 1).build()) {
      Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(pool).shutdownOwner(action -> {})
          .hook("add", new Recording("h", events)).build();

      AsyncAdder face = thimble.proxy(AsyncAdder.class);
      assertEquals(Collections.singletonList("wrap h add"), events, "wrapped once, when the face is made");

      assertEquals(3, face.add(1, 2).get(10, SECONDS));
      assertEquals(7, face.add(3, 4).get(10, SECONDS));
      assertEquals(Arrays.asList("wrap h add", "enter h on hooks-1", "enter h on hooks-1"), events,
          "the hook's invoker is what runs on the pool; no wrap per call");
    }
  }

  @Test
  void hookOnAnAsyncMethodRunsOnlyWhenThePoolRunsTheCall() throws Exception {
    List<String> events = new ArrayList<>();
    ManualPool pool = new ManualPool();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(pool).hook("add", new Recording("h", events)).build();

    CompletableFuture<Integer> sum = thimble.proxy(AsyncAdder.class).add(1, 2);

    assertEquals(Collections.singletonList("wrap h add"), events);
    pool.runNext();
    assertEquals(Arrays.asList("wrap h add", "enter h on " + Thread.currentThread().getName()), events);
    assertEquals(3, sum.get(10, SECONDS));
  }

  @Test
  void hookOnAPassThroughMethodRunsOnTheCallersThread() throws Exception {
    List<String> events = new ArrayList<>();
    ManualPool pool = new ManualPool();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(pool).hook("add", new Recording("h", events)).build();

    assertEquals(3, thimble.proxy(SyncAdder.class).add(1, 2));

    assertEquals(Arrays.asList("wrap h add", "enter h on " + Thread.currentThread().getName()), events);
    assertEquals(0, pool.pending());
  }

  @Test
  void hooksForOneNameWrapInTheOrderAddedAndHooksForAllWrapThem() throws Exception {
    List<String> events = new ArrayList<>();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(new InlinePool())
        .hook(new Recording("all1", events))
        .hook("add", new Recording("add1", events))
        .hook(new Recording("all2", events))
        .hook("add", new Recording("add2", events))
        .build();

    thimble.proxy(SyncAdder.class).add(1, 2);

    String me = Thread.currentThread().getName();
    assertEquals(Arrays.asList("wrap add1 add", "wrap add2 add", "wrap all1 add", "wrap all2 add",
        "enter all2 on " + me, "enter all1 on " + me, "enter add2 on " + me, "enter add1 on " + me), events);
  }

  @Test
  void hookForAllMethodsWrapsEveryMatchedMethodAndSeesTheTargetsMethod() {
    List<String> wrapped = new ArrayList<>();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(new InlinePool())
        .hook((t, method, original) -> {
          wrapped.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
          return original;
        })
        .build();

    thimble.proxy(AsyncAdder.class);

    Collections.sort(wrapped);
    assertEquals(Arrays.asList("Adder.add", "Adder.negate"), wrapped);
  }

  @Test
  void hookIsGivenItsThimble() {
    List<Thimble<?>> seen = new ArrayList<>();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(new InlinePool())
        .hook("negate", (t, method, original) -> {
          seen.add(t);
          return original;
        })
        .build();

    thimble.proxy(AsyncAdder.class);

    assertEquals(1, seen.size());
    assertSame(thimble, seen.get(0));
  }

  @Test
  void hookCanReplaceTheArgumentsOfAsyncAndPassThroughMethods() throws Exception {
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(new InlinePool())
        .hook("add", (t, method, original) -> args -> original.invoke(new Object[] {args[0], 10}))
        .hook("negate", (t, method, original) -> args -> (Integer) original.invoke(args) * 100)
        .build();
    AsyncAdder face = thimble.proxy(AsyncAdder.class);

    assertEquals(11, face.add(1, 2).get(10, SECONDS));
    assertEquals(-300, face.negate(3));
    assertEquals(12, thimble.proxy(SyncAdder.class).add(2, 2));
  }

  @Test
  void hooksDoNotApplyToSubmit() throws Exception {
    List<String> events = new ArrayList<>();
    Thimble<Adder> thimble = Thimble.builder(new Adder()).pool(new InlinePool())
        .hook(new Recording("all", events)).build();

    assertEquals(3, thimble.submit(a -> a.add(1, 2)).get(10, SECONDS));
    assertTrue(events.isEmpty());
  }

  // ---- Hooks.callbacksOn ----

  /** An executor that queues tasks until the test runs them. */
  static final class QueueExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int runAll() {
      int ran = 0;
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
        ran++;
      }
      return ran;
    }
  }

  /** A callback interface of the user's own: one abstract void method, and a default one. */
  public interface AlarmListener {
    void alarm(String level, int times);

    default String describe() {
      return "alarm listener";
    }
  }

  /** Calls its callbacks at once, on whatever thread calls it: as a blocking SDK would from its own threads. */
  public static class FancyCar {
    final List<Object> received = new ArrayList<>();

    public void onAlarm(Runnable callback) {
      received.add(callback);
      callback.run();
    }

    public String onReading(String prefix, Consumer<String> reading) {
      received.add(reading);
      reading.accept(prefix + "42");
      return "reading";
    }

    public void onListener(AlarmListener listener) {
      received.add(listener);
      listener.alarm("loud", 5);
    }

    public String withFunction(Function<String, String> f, Supplier<String> s) {
      received.add(f);
      received.add(s);
      return f.apply(s.get());
    }

    public void maybe(Runnable callback) {
      received.add(callback);
    }
  }

  @ThimbleFace(target = FancyCar.class)
  public interface AsyncFancyCar {
    CompletableFuture<Void> onAlarm(Runnable callback);

    CompletableFuture<String> onReading(String prefix, Consumer<String> reading);

    void onListener(AlarmListener listener);

    String withFunction(Function<String, String> f, Supplier<String> s);

    void maybe(Runnable callback);
  }

  private final QueueExecutor mainThread = new QueueExecutor();

  private AsyncFancyCar rerouted(FancyCar car, ThimblePool pool) {
    return Thimble.builder(car).pool(pool).hook(Hooks.callbacksOn(mainThread)).build().proxy(AsyncFancyCar.class);
  }

  @Test
  void runnableCallbackRunsOnTheGivenExecutor() throws Exception {
    List<String> events = new ArrayList<>();
    ManualPool pool = new ManualPool();
    CompletableFuture<Void> registered = rerouted(new FancyCar(), pool).onAlarm(() -> events.add("sending sms"));

    pool.runAll();
    registered.get(10, SECONDS);

    assertTrue(events.isEmpty(), "the target called the callback on the pool thread; it did not run there");
    assertEquals(1, mainThread.runAll());
    assertEquals(Collections.singletonList("sending sms"), events);
  }

  @Test
  void consumerCallbackRunsOnTheGivenExecutorWithItsArgument() throws Exception {
    List<String> readings = new ArrayList<>();
    FancyCar car = new FancyCar();
    CompletableFuture<String> result = rerouted(car, new InlinePool()).onReading("km ", readings::add);

    assertEquals("reading", result.get(10, SECONDS), "other arguments and the result are untouched");
    assertTrue(readings.isEmpty());
    mainThread.runAll();
    assertEquals(Collections.singletonList("km 42"), readings);
  }

  @Test
  void usersOwnSingleMethodInterfaceIsRerouted() {
    List<String> alarms = new ArrayList<>();
    AlarmListener listener = (level, times) -> alarms.add(level + " x" + times);
    FancyCar car = new FancyCar();

    rerouted(car, new InlinePool()).onListener(listener);

    assertTrue(alarms.isEmpty());
    mainThread.runAll();
    assertEquals(Collections.singletonList("loud x5"), alarms);
    AlarmListener given = (AlarmListener) car.received.get(0);
    assertNotSame(listener, given);
    assertEquals("alarm listener", given.describe(), "default methods of the callback run as written");
  }

  @Test
  void usersCallbackInterfaceThatIsNotPublicIsRerouted() {
    List<String> heard = dev.thimble.hidden.Beepers.registerBeeper(mainThread);

    assertTrue(heard.isEmpty(), "the callback did not run on the pool thread");
    assertEquals(1, mainThread.runAll());
    assertEquals(Collections.singletonList("beep"), heard);
  }

  @Test
  void callbacksThatReturnAValueAreNotRerouted() {
    FancyCar car = new FancyCar();
    Function<String, String> f = s -> s + "!";
    Supplier<String> s = () -> "value";

    assertEquals("value!", rerouted(car, new InlinePool()).withFunction(f, s));

    assertSame(f, car.received.get(0));
    assertSame(s, car.received.get(1));
    assertEquals(0, mainThread.runAll());
  }

  @Test
  void nullCallbackStaysNull() {
    FancyCar car = new FancyCar();

    rerouted(car, new InlinePool()).maybe(null);

    assertNull(car.received.get(0));
  }

  @Test
  void callbacksOnAsANamedHookReroutesTheSeedsAlarmCallback() throws Exception {
    List<String> events = new ArrayList<>();
    FancyCar car = new FancyCar();
    AsyncFancyCar face = Thimble.builder(car).pool(new InlinePool())
        .hook("onAlarm", Hooks.callbacksOn(mainThread)).build().proxy(AsyncFancyCar.class);

    face.onAlarm(() -> events.add("sending sms")).get(10, SECONDS);
    face.maybe(() -> events.add("not rerouted"));
    ((Runnable) car.received.get(1)).run();

    assertEquals(Collections.singletonList("not rerouted"), events, "only the hooked method is rerouted");
    mainThread.runAll();
    assertEquals(Arrays.asList("not rerouted", "sending sms"), events);
  }

  @Test
  void reroutedCallbackHasItsOwnIdentity() {
    FancyCar car = new FancyCar();
    rerouted(car, new InlinePool()).onListener((level, times) -> {});
    AlarmListener given = (AlarmListener) car.received.get(0);

    assertEquals(given, given);
    assertFalse(given.equals(null));
    assertEquals(System.identityHashCode(given), given.hashCode());
    assertTrue(given.toString().startsWith("callback "), given.toString());
  }
}
