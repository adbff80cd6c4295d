package dev.thimble;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Who stops a pool that thimbles started: one per pool, shared by every thimble over it, each holding a {@link
 * Share}.
 *
 * <p>The rules (DESIGN 3.2):
 * <ul>
 *   <li>The first call of any thimble over the pool checks it, once: a pool that is neither started nor stopped is
 *       started by that call and is then <em>ours</em>; any other pool (started by the application, borrowed,
 *       stopped) is never stopped by a thimble.</li>
 *   <li>An owned pool's stop is registered with the {@link ShutdownOwner} of every open thimble that has called on
 *       it, once per owner. The first of those owners to shut down stops the pool, for every thimble sharing it.
 *       When the last thimble of one owner closes, that owner's registration is removed.</li>
 *   <li>When the last open thimble over an owned pool closes, the pool is stopped; closing any other leaves it
 *       running.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every field below is guarded by {@link #lock}, a private object: never the user's pool, whose own monitor is its
 * business. No user code runs under it: the pool's {@code isStarted()}, {@code start()} and {@code stop()}, and the
 * owner's {@code onShutdown} and {@code remove}, are all called after it is released. While one thread checks and
 * starts the pool, other first calls wait for it on the lock's monitor (which they release while waiting); a
 * {@code start()} that waits on another thread therefore blocks only first calls over this very pool.
 *
 * <p>Owners hold a {@link Registration}, which reaches the pool but no thimble: a thimble dropped without {@code
 * close()} can be collected, target and all, even while the JVM's owner keeps its pool's stop.
 */
final class PoolOwnership {
  /**
   * The ownership of each pool that has thimbles, looked up when a thimble is built, by the pool's identity (never its
   * {@code equals}: two equal pools are still two pools, and their {@code hashCode} is user code). Weak both ways:
   * an entry lives as long as its pool is reachable, and its ownership as long as a thimble or an owner's
   * registration holds it; an ownership dropped with all its thimbles (never owned, or owned and stopped) is simply
   * made again, from the pool's own state, by the next thimble. Guarded by itself.
   */
  private static final Map<Integer, List<PoolRef>> BY_POOL = new HashMap<>();
  /** Where the entries of collected pools arrive, to be dropped from {@link #BY_POOL}. */
  private static final ReferenceQueue<ThimblePool> COLLECTED = new ReferenceQueue<>();

  /** Not checked yet: the next first call checks and maybe starts the pool. */
  private static final int UNCHECKED = 0;
  /** A first call is checking and maybe starting the pool, outside the lock; other first calls wait. */
  private static final int CHECKING = 1;
  /** A thimble's call started the pool: thimbles stop it. */
  private static final int OURS = 2;
  /** Started (or stopped) by someone else when first checked: never stopped by a thimble. */
  private static final int NOT_OURS = 3;
  /** {@code isStarted()} or {@code start()} threw: every call fails with a refusal caused by that. */
  private static final int FAILED = 4;

  private final ThimblePool pool;
  private final Object lock = new Object();
  /** One of the states above. Guarded by {@link #lock}. */
  private int state = UNCHECKED;
  /**
   * The thread in {@link #CHECKING}, so that a call it makes from inside {@code start()} does not wait for itself.
   * Guarded by {@link #lock}.
   */
  private @Nullable Thread checker;
  /** Why the pool could not be started, in {@link #FAILED}. Guarded by {@link #lock}. */
  private @Nullable Throwable startFailure;
  /** Thimbles over the pool that are not closed. Guarded by {@link #lock}. */
  private int openThimbles;
  /** Set once thimbles have stopped (or decided to stop) an owned pool; nothing registers after. Guarded by lock. */
  private boolean stopping;
  /** The owners the pool's stop is registered with, by identity. Guarded by {@link #lock}. */
  private final Map<ShutdownOwner, Registration> registrations = new IdentityHashMap<>();

  private PoolOwnership(ThimblePool pool) {
    this.pool = pool;
  }

  /**
   * A new thimble's share in the ownership of {@code pool}: it counts as open, and so keeps an owned pool running,
   * until {@link Share#close()}.
   *
   * @param thimble what the thimble is called in refusals ({@code "thimble over Car"})
   * @param owner the thimble's shutdown owner
   * @param stopTimeoutNanos how long a stop made by this thimble (its close, or its owner's registration) waits
   */
  static Share join(ThimblePool pool, String thimble, ShutdownOwner owner, long stopTimeoutNanos) {
    return of(pool).new Share(thimble, owner, stopTimeoutNanos);
  }

  private static PoolOwnership of(ThimblePool pool) {
    synchronized (BY_POOL) {
      Reference<? extends ThimblePool> gone;
      while ((gone = COLLECTED.poll()) != null) {
        PoolRef ref = (PoolRef) gone;
        List<PoolRef> refs = BY_POOL.get(ref.hash);
        if (refs != null && refs.remove(ref) && refs.isEmpty()) {
          BY_POOL.remove(ref.hash);
        }
      }
      int hash = System.identityHashCode(pool);
      List<PoolRef> refs = BY_POOL.get(hash);
      if (refs == null) {
        refs = new ArrayList<>(1);
        BY_POOL.put(hash, refs);
      }
      for (Iterator<PoolRef> it = refs.iterator(); it.hasNext(); ) {
        PoolRef ref = it.next();
        if (ref.get() == pool) {
          PoolOwnership ownership = ref.ownership.get();
          if (ownership != null) {
            return ownership;
          }
          it.remove(); // its thimbles and registrations are gone: start afresh from the pool's state
          break;
        }
      }
      PoolOwnership ownership = new PoolOwnership(pool);
      refs.add(new PoolRef(pool, hash, ownership));
      return ownership;
    }
  }

  /** An entry of {@link #BY_POOL}: weak on the pool and on its ownership. */
  private static final class PoolRef extends WeakReference<ThimblePool> {
    final int hash;
    final WeakReference<PoolOwnership> ownership;

    PoolRef(ThimblePool pool, int hash, PoolOwnership ownership) {
      super(pool, COLLECTED);
      this.hash = hash;
      this.ownership = new WeakReference<>(ownership);
    }
  }

  /**
   * Checks the pool, starting it if it is new, on behalf of one first call; the others wait. The pool is asked
   * outside the lock: its methods are user code, and its {@code start()} may wait on other threads.
   */
  private void checkAndStart(long stopTimeoutNanos) {
    boolean startedIt = false;
    Throwable failure = null;
    try {
      if (!pool.isStarted() && !pool.isStopped()) {
        pool.start();
        startedIt = true;
      }
    } catch (Throwable e) {
      failure = e; // an Error too: every call must still return a future, failed with it
    }
    boolean stop;
    synchronized (lock) {
      state = failure != null ? FAILED : startedIt ? OURS : NOT_OURS;
      startFailure = failure;
      checker = null;
      lock.notifyAll();
      // Every thimble closed while the pool was being started: no close saw it ours, so stop it here.
      stop = state == OURS && openThimbles == 0 && !stopping;
      stopping |= stop;
    }
    if (stop) {
      stopPool(stopTimeoutNanos);
    }
  }

  /** An owner shut down: stop the pool for every thimble, and let the other owners forget it. */
  private void ownerShutDown(Registration registration) {
    List<Registration> others;
    boolean stop;
    synchronized (lock) {
      if (registrations.get(registration.owner) != registration) {
        return; // removed since: its thimbles closed, or another owner stopped the pool
      }
      registrations.remove(registration.owner);
      others = new ArrayList<>(registrations.values());
      registrations.clear();
      stop = state == OURS && !stopping;
      stopping = true;
    }
    for (Registration other : others) {
      other.owner.remove(other);
    }
    if (stop) {
      stopPool(registration.stopTimeoutNanos);
    }
  }

  /**
   * Stops gracefully, then at once after the timeout. Called from one of the pool's own threads (a callback of a call
   * that closes its thimble), it does not wait: the pool cannot end while the caller still runs on it.
   */
  private void stopPool(long stopTimeoutNanos) {
    pool.stop();
    if (pool instanceof ThreadOwningPool && ((ThreadOwningPool) pool).isPoolThread(Thread.currentThread())) {
      return;
    }
    try {
      if (!pool.awaitStopped(stopTimeoutNanos, TimeUnit.NANOSECONDS)) {
        pool.stopNow();
      }
    } catch (InterruptedException e) {
      pool.stopNow();
      Thread.currentThread().interrupt();
    }
  }

  /** What an owner holds: the pool's stop, reaching the pool's ownership and no thimble. */
  private final class Registration implements Runnable {
    final ShutdownOwner owner;
    final long stopTimeoutNanos;
    /** Open thimbles of {@link #owner} counted here. Guarded by {@link #lock}. */
    int thimbles;

    Registration(ShutdownOwner owner, long stopTimeoutNanos) {
      this.owner = owner;
      this.stopTimeoutNanos = stopTimeoutNanos;
    }

    @Override
    public void run() {
      ownerShutDown(this);
    }

    @Override
    public String toString() {
      return "stop of pool " + pool.name();
    }
  }

  /**
   * One thimble's share in its pool's ownership: admits its calls, starts the pool on the first, registers the
   * pool's stop with the thimble's owner, and gives the share up on close.
   */
  final class Share {
    private final String thimble;
    private final ShutdownOwner owner;
    private final long stopTimeoutNanos;
    /** Set once this thimble's calls have found the pool checked: later calls skip to the pool. Written under lock. */
    private volatile boolean ready;
    /** Set, under the lock, when a call of this thimble found the pool ours and its owner may not know it yet. */
    private volatile boolean registrationOwed;
    /** Whether this thimble is counted in its owner's {@link Registration}. Guarded by {@link #lock}. */
    private boolean registered;
    /** Written under the lock. */
    private volatile boolean closed;

    Share(String thimble, ShutdownOwner owner, long stopTimeoutNanos) {
      this.thimble = thimble;
      this.owner = owner;
      this.stopTimeoutNanos = stopTimeoutNanos;
      synchronized (lock) {
        openThimbles++;
      }
    }

    /** Admission: the thimble is open and its pool checked (and started if new). Returns the refusal, if any. */
    @Nullable RejectedExecutionException admit() {
      if (closed) {
        return closedRefusal();
      }
      return ready ? null : checkPool();
    }

    private RejectedExecutionException closedRefusal() {
      return new RejectedExecutionException(thimble + " is closed; calls made after close() are rejected");
    }

    private @Nullable RejectedExecutionException checkPool() {
      boolean check = false;
      boolean interrupted = false;
      synchronized (lock) {
        Thread me = Thread.currentThread();
        while (state == CHECKING && checker != me) {
          try {
            lock.wait(); // releases the lock: only first calls over this pool wait for its start
          } catch (InterruptedException e) {
            interrupted = true; // a call is never refused for an interrupt; the flag is kept for the caller
          }
        }
        if (state == UNCHECKED) {
          state = CHECKING;
          checker = me;
          check = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (check) {
        checkAndStart(stopTimeoutNanos);
      }
      synchronized (lock) {
        if (closed) {
          return closedRefusal(); // close() raced with this first call
        }
        if (state == FAILED) {
          Throwable failure = startFailure;
          return new RejectedExecutionException("pool " + pool.name() + " could not be started: " + failure,
              failure);
        }
        if (state == CHECKING) {
          return null; // a call made from inside the pool's start(): the pool says whether it takes it
        }
        if (state == OURS && !stopping && !registered) {
          registrationOwed = true;
        }
        ready = true;
      }
      return null;
    }

    /**
     * After a call was handed to the pool: registers the pool's stop with this thimble's owner, if the pool is
     * owned and the owner has no registration for it yet. After, so that the first call is queued before an owner
     * that has already shut down (a cancelled scope) stops the pool: the graceful stop then runs it, rather than a
     * race deciding whether it runs or is rejected.
     */
    void registerOwedStop() {
      if (!registrationOwed) {
        return; // every call but the first
      }
      Registration toRegister = null;
      synchronized (lock) {
        if (!registrationOwed) {
          return;
        }
        registrationOwed = false;
        if (closed || stopping || registered) {
          return;
        }
        Registration registration = registrations.get(owner);
        if (registration == null) {
          registration = new Registration(owner, stopTimeoutNanos);
          registrations.put(owner, registration);
          toRegister = registration;
        }
        registration.thimbles++;
        registered = true;
      }
      if (toRegister == null) {
        return; // the owner has this pool's stop already
      }
      // Outside the lock: it is the owner's code, and an owner that has shut down runs the action at once.
      owner.onShutdown(toRegister);
      boolean stale;
      synchronized (lock) {
        stale = registrations.get(owner) != toRegister;
      }
      if (stale) {
        owner.remove(toRegister); // a close or a stop raced with this registration and may have removed it first
      }
    }

    /**
     * Gives this thimble's share up: later calls are refused. The last open thimble over an owned pool stops it,
     * gracefully, then at once after this thimble's stop timeout. Idempotent.
     *
     * @param onClose run once, by the call that closes it, before the pool is stopped (whose {@code stop()} may
     *     throw)
     */
    void close(Runnable onClose) {
      Registration toRemove = null;
      boolean stop;
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        registrationOwed = false;
        openThimbles--;
        if (registered) {
          registered = false;
          Registration registration = registrations.get(owner);
          if (registration != null && --registration.thimbles == 0) {
            registrations.remove(owner);
            toRemove = registration;
          }
        }
        stop = state == OURS && openThimbles == 0 && !stopping;
        stopping |= stop;
      }
      onClose.run();
      if (toRemove != null) {
        owner.remove(toRemove); // a long-lived owner (the JVM's) must not keep the pools of closed thimbles
      }
      if (stop) {
        stopPool(stopTimeoutNanos);
      }
    }

    boolean isClosed() {
      return closed;
    }
  }
}
