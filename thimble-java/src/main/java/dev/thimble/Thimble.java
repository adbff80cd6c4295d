package dev.thimble;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an object that has a blocking API and gives it non-blocking faces that run its calls on a pool.
 *
 * <p>Declare an interface that mirrors the target's methods, returning futures where the call should run on the
 * pool, and ask for a {@link #proxy(Class) proxy}; or {@link #submit(BlockingFunction) submit} a lambda:
 * <pre>{@code
 * interface AsyncCar {
 *   CompletableFuture<String> driveTo(String location); // runs on the pool
 *   int wheels();                                       // passes through, on the caller's thread
 * }
 *
 * Thimble<Car> thimble = Thimble.of(new Car(), ThimblePool.builder("cars").build());
 * AsyncCar car = thimble.proxy(AsyncCar.class);
 * car.driveTo("work").thenAccept(System.out::println);
 * CompletableFuture<Integer> wheels = thimble.submit(Car::wheels);
 * }</pre>
 *
 * <h2>Ownership</h2>
 * When the first call finds the pool neither started nor stopped, the thimble starts it &mdash; once, however many
 * threads and thimbles race &mdash; and the pool is then owned by the thimbles over it, together:
 * <ul>
 *   <li>its graceful stop is registered with the {@link ShutdownOwner} of each thimble that calls on it (the JVM's
 *       shutdown by default), once per owner; the first of those owners to shut down stops the pool, for every
 *       thimble sharing it;</li>
 *   <li>{@link #close()} stops it only when no other open thimble uses it: the last thimble over the pool to close
 *       stops it, whichever thimble started it;</li>
 *   <li>a pool that was already started (by the application, or {@link ThimblePool#of borrowed}) is its creator's
 *       to stop: no thimble and no owner ever stops it.</li>
 * </ul>
 * Give thimbles that share a pool the same owner; with different owners, the pool lives only as long as the
 * shortest-lived owner of a thimble that is still open. A stopped pool cannot be restarted: a thimble built over it
 * later has its calls refused.
 *
 * <h2>The completion guarantee</h2>
 * Every future a thimble returns completes &mdash; with the target's value, the target's own exception, a {@link
 * java.util.concurrent.RejectedExecutionException} (pool stopped or full), a {@link
 * java.util.concurrent.TimeoutException}, or cancellation &mdash; and no call runs twice. A face never throws for
 * a failure of the call itself.
 *
 * <p>Thimbles are thread-safe; faces are cheap to make but worth keeping, since a face is checked once, when it is
 * made.
 *
 * @param <T> the target's type
 */
public final class Thimble<T> implements AutoCloseable {
  static {
    AdapterAccess.install(); // adapters reach the package-private machinery through dev.thimble.internal
  }

  private final T target;
  private final ThimblePool pool;
  private final ShutdownOwner shutdownOwner;
  final CallEngine engine;
  final Map<String, List<Hook>> hooks;
  final List<Hook> hooksForAll;
  final long timeoutNanos;
  final Map<String, Long> methodTimeoutNanos;
  private final CallPlan submitPlan;
  /** This thimble's share in its pool's ownership: admits calls, starts a new pool, stops it when due. */
  private final PoolOwnership.Share ownership;
  /** Whether this thimble has timeouts, and so holds a share of the timer thread until it is closed. */
  private final boolean usesTimer;
  private final Executor executor;
  private final ConcurrentHashMap<Class<?>, Object> attachments = new ConcurrentHashMap<>();
  /** Per face: the constructor of its generated class, if it has one to use here ({@link GeneratedFaces#make}). */
  final ConcurrentHashMap<Class<?>, Object> generatedFaces = new ConcurrentHashMap<>();

  private Thimble(Builder<T> b, ThimblePool pool) {
    this.target = b.target;
    this.pool = pool;
    this.shutdownOwner = b.shutdownOwner;
    this.hooks = copyOf(b.hooks);
    this.hooksForAll = Collections.unmodifiableList(new ArrayList<>(b.hooksForAll));
    this.timeoutNanos = b.timeoutNanos;
    this.methodTimeoutNanos = Collections.unmodifiableMap(new LinkedHashMap<>(b.methodTimeoutNanos));
    this.engine = new CallEngine(pool, b.maxConcurrency, b.completeOn, b.interruptOnCancel, b.captureCallSite,
        b.recordStats, b.propagators, ListenerChain.of(b.listeners));
    this.submitPlan = new CallPlan("submit", "Thimble.submit", timeoutNanos);
    this.ownership = PoolOwnership.join(pool, "thimble over " + target.getClass().getSimpleName(), shutdownOwner,
        b.stopTimeoutNanos);
    this.usesTimer = timeoutNanos > 0 || !methodTimeoutNanos.isEmpty();
    if (usesTimer) {
      CallTimer.retain();
    }
    LaneExecutor lane = engine.lane;
    PoolOwnership.Share ownership = this.ownership;
    this.executor = task -> {
      Objects.requireNonNull(task, "task == null");
      RejectedExecutionException refusal = ownership.admit();
      if (refusal != null) {
        throw refusal;
      }
      try {
        if (lane != null) {
          lane.execute(task);
        } else {
          pool.executeWhenRoom(task);
        }
      } finally {
        ownership.registerOwedStop();
      }
    };
  }

  private static Map<String, List<Hook>> copyOf(Map<String, List<Hook>> hooks) {
    Map<String, List<Hook>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<Hook>> e : hooks.entrySet()) {
      copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Starts a thimble over {@code target}.
   *
   * @param target the object whose blocking methods the faces will call
   * @param <T> the target's type
   * @return a builder; without {@link Builder#pool(ThimblePool)} the thimble gets a pool of its own
   */
  public static <T> Builder<T> builder(T target) {
    return new Builder<>(target);
  }

  /**
   * A thimble over {@code target} running calls on {@code pool}, with the default policies.
   *
   * @param target the object whose blocking methods the faces will call
   * @param pool where the calls run
   * @param <T> the target's type
   * @return the thimble
   */
  public static <T> Thimble<T> of(T target, ThimblePool pool) {
    return builder(target).pool(pool).build();
  }

  /**
   * Makes an interface face over the target. For each method of {@code face}:
   * <ul>
   *   <li>returning {@code CompletableFuture<R>}, {@code CompletionStage<R>} or {@code Future<R>}: the target's
   *       public method of the same name and parameter types runs on the pool, and its (boxed) result, which must
   *       fit {@code R} ({@code void} fits {@code Void}), completes the returned future &mdash; unless the target's
   *       method already returns such a future, which is then passed through as it is;</li>
   *   <li>returning anything else: the target's matching method is called directly, on the caller's thread;</li>
   *   <li>{@code default} methods run as written; {@code equals}, {@code hashCode} and {@code toString} are the
   *       proxy's own.</li>
   * </ul>
   * Hooks are applied here, once; nothing is looked up per call.
   *
   * @param face an interface mirroring the target's methods
   * @param <A> the face's type
   * @return a proxy implementing {@code face}
   * @throws IllegalArgumentException if {@code face} is not an interface or a method of it matches no target
   *     method; the message names the face method, what was looked for and the closest candidates
   */
  public <A> A proxy(Class<A> face) {
    return FaceParser.proxy(this, face, FaceParser.JAVA);
  }

  /**
   * Runs {@code call} on the pool with the target.
   *
   * @param call what to do with the target; may block and throw
   * @param <R> the result's type
   * @return a future completed with {@code call}'s result, or failed with its very exception
   */
  public <R extends @Nullable Object> CompletableFuture<R> submit(BlockingFunction<? super T, ? extends R> call) {
    return submit(call, false);
  }

  /**
   * Like {@link #submit(BlockingFunction)}, but when the pool's queue is full the call waits for room instead of
   * failing with a {@link RejectedExecutionException}. Cancelling the future while the call waits removes it.
   * The suspending Kotlin faces are built on this.
   *
   * @param call what to do with the target; may block and throw
   * @param <R> the result's type
   * @return a future completed with {@code call}'s result, or failed with its very exception
   */
  public <R extends @Nullable Object> CompletableFuture<R> submitWhenRoom(
      BlockingFunction<? super T, ? extends R> call) {
    return submit(call, true);
  }

  private <R extends @Nullable Object> CompletableFuture<R> submit(BlockingFunction<? super T, ? extends R> call,
      boolean waitForRoom) {
    Objects.requireNonNull(call, "call == null");
    T t = target;
    return startCall(submitPlan, args -> call.apply(t), null, waitForRoom, null);
  }

  /**
   * An executor that runs tasks on this thimble's pool, within its {@link Builder#maxConcurrency(int) lane}, and
   * waits for room when the pool's queue is full. The Kotlin adapter's dispatcher is made from it.
   *
   * <p>A task accepted here that the pool can then no longer run (it was {@linkplain ThimblePool#stopNow() stopped
   * now} while the task waited) is cancelled if it is a {@link java.util.concurrent.Future}, so that a task that must
   * hear of it can be a {@link java.util.concurrent.FutureTask} whose {@code done()} sees {@code isCancelled()}; a
   * plain {@code Runnable} is then dropped from the pool's queue, or run on the thread that hands it over from the
   * lane.
   *
   * @return the executor; it throws {@link RejectedExecutionException} once the pool is stopped or the thimble
   *     closed
   */
  public Executor executor() {
    return executor;
  }

  /** @return the wrapped object */
  public T target() {
    return target;
  }

  /** @return the pool calls run on */
  public ThimblePool pool() {
    return pool;
  }

  /** @return who stops the pool if thimbles started it and this thimble is open when the owner shuts down */
  public ShutdownOwner shutdownOwner() {
    return shutdownOwner;
  }

  /**
   * A consistent snapshot of this thimble's call counts and times, which it records only if built with {@link
   * Builder#recordStats recordStats(true)}.
   *
   * @return the snapshot
   * @throws IllegalStateException if the thimble was built without {@code recordStats(true)}
   */
  public ThimbleStats stats() {
    if (!engine.counted) {
      throw new IllegalStateException(this + " does not record stats: build it with Thimble.builder(target)"
          + ".recordStats(true) (counting costs every call, so thimble counts only when asked; a listener hears"
          + " every call either way)");
    }
    return engine.stats();
  }

  /** Per-thimble state of an adapter: see {@link dev.thimble.internal.Adapters#attachment}. */
  <V> V attachment(Class<V> type, Function<? super Thimble<T>, ? extends V> create) {
    Object existing = attachments.get(type);
    if (existing == null) {
      Object made = Objects.requireNonNull(create.apply(this), "create returned null");
      existing = attachments.putIfAbsent(type, made);
      if (existing == null) {
        existing = made;
      }
    }
    return type.cast(existing);
  }

  /**
   * Closes this thimble: later calls fail with a {@link RejectedExecutionException}, and its owner forgets the pool
   * unless another open thimble of the same owner uses it. If thimbles started the pool and this is the last open
   * thimble over it, the pool is stopped gracefully: queued calls run, for up to this thimble's {@link
   * Builder#stopTimeout stop timeout}, after which running calls are interrupted and the rest cancelled. While other
   * thimbles over the pool are open, or if the application started the pool, it is left running. When the last
   * thimble with a timeout closes, the timer thread ends too. Idempotent.
   *
   * <p>Called from one of the pool's own threads (a callback, or a call that closes its own thimble), {@code close()}
   * of a {@link ThimblePool#builder(String) built} or {@link ThimblePool#virtual(String) virtual} pool stops it and
   * returns without waiting, since the pool cannot finish while its caller still runs on it; the stop timeout then
   * does not apply. A custom pool is waited for as usual.
   *
   * <p>A thimble dropped without {@code close()} keeps its share: its pool runs until its owner shuts down (idle
   * threads retire meanwhile). The owner holds only the pool's stop, never the thimble or its target.
   */
  @Override
  public void close() {
    ownership.close(usesTimer ? CallTimer::release : () -> { });
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return ownership.isClosed();
  }

  @Override
  public String toString() {
    return "Thimble[" + target.getClass().getName() + " on pool " + pool.name() + "]";
  }

  // ---- machinery shared with the faces ----

  /**
   * Makes a call: admits it, hands it to the engine, and then, if the pool is owned and this thimble's owner does not
   * know it yet, registers the pool's stop with the owner (see {@link PoolOwnership.Share#registerOwedStop()} for why
   * in that order).
   */
  <R extends @Nullable Object> CallFuture<R> startCall(CallPlan plan, Invoker invoker, @Nullable Object @Nullable [] args,
      boolean waitForRoom, @Nullable Consumer<@Nullable Object> ifAbandoned) {
    CallFuture<R> call = engine.submit(plan, invoker, args, waitForRoom, ownership.admit(), ifAbandoned);
    ownership.registerOwedStop();
    return call;
  }

  /** The target method's invoker with this thimble's hooks applied, outermost last. */
  Invoker invoker(Method method, Method faceMethod) {
    // Hooks are handed the method the call goes through, which they can call too: HttpClient.send, not the
    // unexported jdk.internal.net.http.HttpClientFacade.send of the target's runtime class.
    Method targetMethod = TargetMethods.reachable(target, method, faceMethod);
    return hooked(targetMethod, TargetMethods.invoker(target, targetMethod));
  }

  /** Whether any hook applies to a target method of this name. */
  boolean hasHooks(String targetMethodName) {
    return !hooksForAll.isEmpty() || hooks.containsKey(targetMethodName);
  }

  /** {@code invoker}, which calls {@code targetMethod}, with this thimble's hooks applied, outermost last. */
  Invoker hooked(Method targetMethod, Invoker invoker) {
    List<Hook> named = hooks.get(targetMethod.getName());
    if (named != null) {
      for (Hook hook : named) {
        invoker = wrap(hook, targetMethod, invoker);
      }
    }
    for (Hook hook : hooksForAll) {
      invoker = wrap(hook, targetMethod, invoker);
    }
    return invoker;
  }

  private Invoker wrap(Hook hook, Method targetMethod, Invoker invoker) {
    return Objects.requireNonNull(hook.wrap(this, targetMethod, invoker), () -> "hook " + hook
        + " returned null for method " + targetMethod.getName() + "; return the invoker it is given to leave the"
        + " method as it is");
  }

  CallPlan plan(Method faceMethod) {
    return plan(faceMethod.getDeclaringClass().getSimpleName(), faceMethod.getName());
  }

  /** The plan of member {@code name} of the face (or superinterface of it) named {@code face}. */
  CallPlan plan(String face, String name) {
    Long methodTimeout = methodTimeoutNanos.get(name);
    return new CallPlan(name, face + "." + name, methodTimeout != null ? methodTimeout : timeoutNanos);
  }

  /**
   * Builds a {@link Thimble}. Every option has a default; only the target is required.
   *
   * @param <T> the target's type
   */
  public static final class Builder<T> {
    final T target;
    private @Nullable ThimblePool pool;
    ShutdownOwner shutdownOwner = ShutdownOwner.jvm();
    final Map<String, List<Hook>> hooks = new LinkedHashMap<>();
    final List<Hook> hooksForAll = new ArrayList<>();
    @Nullable Executor completeOn;
    int maxConcurrency;
    long timeoutNanos;
    final Map<String, Long> methodTimeoutNanos = new LinkedHashMap<>();
    boolean interruptOnCancel = true;
    final List<ContextPropagator> propagators = new ArrayList<>();
    final List<ThimbleListener> listeners = new ArrayList<>();
    boolean captureCallSite;
    boolean recordStats;
    long stopTimeoutNanos = TimeUnit.SECONDS.toNanos(30);

    Builder(T target) {
      this.target = Objects.requireNonNull(target, "target == null");
    }

    /**
     * Sets the pool calls run on. Without one, the thimble gets a pool of its own, named after the target's class
     * ({@code thimble-car}), with the {@link ThimblePool#builder(String) default sizes}.
     *
     * @param pool the pool
     * @return this builder
     */
    public Builder<T> pool(ThimblePool pool) {
      this.pool = Objects.requireNonNull(pool, "pool == null");
      return this;
    }

    /**
     * Sets who stops the pool if thimbles started it: when this owner shuts down while this thimble is open, the
     * pool stops, for every thimble sharing it. Default: {@link ShutdownOwner#jvm()}.
     *
     * @param owner the shutdown owner
     * @return this builder
     */
    public Builder<T> shutdownOwner(ShutdownOwner owner) {
      this.shutdownOwner = Objects.requireNonNull(owner, "shutdownOwner == null");
      return this;
    }

    /**
     * Adds a hook for the target's methods named {@code methodName} (all overloads). Hooks for one name apply in
     * the order added, each wrapping the previous; hooks for all methods wrap those.
     *
     * @param methodName the target method's name
     * @param hook the hook
     * @return this builder
     * @throws IllegalArgumentException from {@link #build()} if the target has no public method of that name
     */
    public Builder<T> hook(String methodName, Hook hook) {
      Objects.requireNonNull(methodName, "methodName == null");
      Objects.requireNonNull(hook, "hook == null");
      hooks.computeIfAbsent(methodName, name -> new ArrayList<>()).add(hook);
      return this;
    }

    /**
     * Adds a hook for every target method a face calls.
     *
     * @param hook the hook
     * @return this builder
     */
    public Builder<T> hook(Hook hook) {
      hooksForAll.add(Objects.requireNonNull(hook, "hook == null"));
      return this;
    }

    /**
     * Completes every returned future on {@code executor} rather than on the pool thread, so that dependent
     * stages run there too: an Android main-thread executor, an event loop. A call the pool refuses at once is
     * returned already failed. If {@code executor} refuses a completion, the future completes on the thread at
     * hand rather than never.
     *
     * @param executor where futures complete
     * @return this builder
     */
    public Builder<T> completeOn(Executor executor) {
      this.completeOn = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Runs at most {@code n} of this thimble's calls at once, however large the pool; the rest wait in FIFO order
     * without holding a pool thread. {@code 1} serializes access to a target that is not thread-safe without
     * giving it a thread of its own.
     *
     * @param n the limit, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder<T> maxConcurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrency must be positive: " + n);
      }
      this.maxConcurrency = n;
      return this;
    }

    /**
     * Fails calls that have not finished {@code time} after they were <em>submitted</em> (queue time counts) with a
     * {@link java.util.concurrent.TimeoutException}, and cancels them as {@link #interruptOnCancel} says.
     *
     * @param time the timeout, positive
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time <= 0}
     */
    public Builder<T> timeout(long time, TimeUnit unit) {
      this.timeoutNanos = positiveNanos("timeout", time, unit);
      return this;
    }

    /**
     * Like {@link #timeout(long, TimeUnit)} for the face methods named {@code methodName} only; wins over the
     * thimble's timeout.
     *
     * @param methodName the face (and target) method's name
     * @param time the timeout, positive
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time <= 0}; from {@link #build()} if the target has no public
     *     method of that name
     */
    public Builder<T> timeout(String methodName, long time, TimeUnit unit) {
      Objects.requireNonNull(methodName, "methodName == null");
      methodTimeoutNanos.put(methodName, positiveNanos("timeout for " + methodName, time, unit));
      return this;
    }

    /**
     * Sets whether cancelling a running call (or its timing out) interrupts its pool thread. Default {@code true}.
     * Either way a queued call is removed and never runs, and the future completes at once.
     *
     * @param interrupt whether to interrupt
     * @return this builder
     */
    public Builder<T> interruptOnCancel(boolean interrupt) {
      this.interruptOnCancel = interrupt;
      return this;
    }

    /**
     * Carries thread-bound context from callers to the pool threads. May be called more than once; contexts are
     * restored in the order added and put back in reverse.
     *
     * @param propagator the propagator
     * @return this builder
     */
    public Builder<T> propagate(ContextPropagator propagator) {
      propagators.add(Objects.requireNonNull(propagator, "propagator == null"));
      return this;
    }

    /**
     * Adds a listener that hears about every call. May be called more than once.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<T> listener(ThimbleListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Sets whether calls are counted and timed for {@link Thimble#stats()}. Default {@code false}: counting and
     * timing are most of thimble's own work per call (five atomic updates and three clock reads), paid for figures
     * only someone who asked reads; without them, {@code stats()} throws. Listeners hear every call either way.
     *
     * @param record whether to count and time every call
     * @return this builder
     */
    public Builder<T> recordStats(boolean record) {
      this.recordStats = record;
      return this;
    }

    /**
     * Sets whether each call records where it was made, so that a failure carries the caller's stack as a
     * suppressed exception. Costs a stack trace per call; default {@code false}.
     *
     * @param capture whether to capture
     * @return this builder
     */
    public Builder<T> captureCallSite(boolean capture) {
      this.captureCallSite = capture;
      return this;
    }

    /**
     * Sets how long a stop of an owned pool made by this thimble (its {@link Thimble#close() close}, or its owner's
     * shutdown) waits for queued and running calls before it interrupts them. Default 30 seconds.
     *
     * @param time the timeout, {@code >= 0}
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time < 0}
     */
    public Builder<T> stopTimeout(long time, TimeUnit unit) {
      Objects.requireNonNull(unit, "unit == null");
      if (time < 0) {
        throw new IllegalArgumentException("stopTimeout must not be negative: " + time + " " + unit);
      }
      this.stopTimeoutNanos = unit.toNanos(time);
      return this;
    }

    /**
     * Builds the thimble.
     *
     * @return the thimble
     * @throws IllegalArgumentException if a hook or a per-method timeout names a method the target does not have
     */
    public Thimble<T> build() {
      Class<?> type = target.getClass();
      for (String name : hooks.keySet()) {
        TargetMethods.requireNamed(type, name, "hook(\"" + name + "\", ...)");
      }
      for (String name : methodTimeoutNanos.keySet()) {
        TargetMethods.requireNamed(type, name, "timeout(\"" + name + "\", ...)");
      }
      ThimblePool p = pool;
      if (p == null) {
        String simple = type.getSimpleName();
        p = ThimblePool.builder(simple.isEmpty() ? "thimble" : "thimble-" + simple.toLowerCase(Locale.ROOT))
            .build();
      }
      return new Thimble<>(this, p);
    }

    private static long positiveNanos(String what, long time, TimeUnit unit) {
      Objects.requireNonNull(unit, "unit == null");
      if (time <= 0) {
        throw new IllegalArgumentException(what + " must be positive: " + time + " " + unit);
      }
      return unit.toNanos(time);
    }
  }
}
