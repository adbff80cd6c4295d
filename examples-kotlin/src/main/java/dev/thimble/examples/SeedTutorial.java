package dev.thimble.examples;

// README:begin java-imports
import dev.thimble.Hooks;
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.InlinePool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
// README:end

/**
 * The seed's quick start (lvh/thimble's README), step by step, in Java: a {@code Car} with a slow {@code driveTo},
 * {@code wheels} passing through, the pool started by the first call and stopped by its owner, then {@code FancyCar}
 * and its alarm hook. The README's Java quick start is copied from the regions marked below.
 */
public final class SeedTutorial {
  private SeedTutorial() {}

  // README:begin java-car
  /** The blocking object: nothing about it knows of thimble. */
  public static class Car {
    public int wheels() {
      return 4;
    }

    public String driveTo(String location) throws InterruptedException {
      Thread.sleep(50); // the real implementation blocks
      return "driven to " + location;
    }
  }

  /** The face we want: what returns a future runs on the pool, the rest passes through. */
  public interface AsyncCar {
    CompletableFuture<String> driveTo(String location);

    int wheels();
  }
  // README:end

  // README:begin java-fancy-car
  /** A car that calls back when its alarm goes off, from whatever thread it is on. */
  public static class FancyCar extends Car {
    private volatile Runnable alarmCallback;

    public void registerAlarmCallback(Runnable callback) {
      this.alarmCallback = callback;
    }

    public void alarm() {
      System.out.println("WEE WOO ".repeat(5).trim());
      Runnable callback = alarmCallback;
      if (callback != null) {
        callback.run();
      }
    }
  }

  public interface AsyncFancyCar extends AsyncCar {
    void registerAlarmCallback(Runnable callback); // passes through, hooked

    CompletableFuture<Void> alarm();               // runs on the pool
  }
  // README:end

  /** Runs the tutorial, printing each step. */
  public static void run() throws Exception {
    System.out.println("-- the seed's quick start, with the test doubles (the seed's FakeThreadPool, FakeReactor)");
    quickStart();
    System.out.println("-- attribute hooks: FancyCar's alarm callback runs on the reactor thread");
    fancyCar();
    System.out.println("-- the same Car on a real pool: three slow drives at once");
    realPool();
  }

  static void quickStart() {
    // README:begin java-quick-start
    InlinePool pool = new InlinePool();                       // the seed's FakeThreadPool: runs calls at once
    FakeShutdownOwner reactor = new FakeShutdownOwner();      // the seed's FakeReactor: stops what it owns
    System.out.println("pool started: " + pool.isStarted());  // false

    Thimble<Car> carThimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(reactor).build();
    AsyncCar car = carThimble.proxy(AsyncCar.class);

    car.driveTo("work").thenAccept(System.out::println);      // driven to work
    System.out.println("wheels: " + car.wheels());            // 4: passed through
    System.out.println("pool started: " + pool.isStarted());  // true: the first call started it

    reactor.stop();                                           // the owner stops the pool
    System.out.println("pool started: " + pool.isStarted());  // false
    // README:end
  }

  static void fancyCar() throws InterruptedException {
    // README:begin java-alarm-hook
    ExecutorService reactorThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "reactor"));
    Thimble<FancyCar> fancyThimble = Thimble.builder(new FancyCar())
        .pool(new InlinePool())
        .shutdownOwner(new FakeShutdownOwner())
        .hook("registerAlarmCallback", Hooks.callbacksOn(reactorThread))
        .build();
    AsyncFancyCar fancyCar = fancyThimble.proxy(AsyncFancyCar.class);

    fancyCar.registerAlarmCallback(
        () -> System.out.println("sending sms... on thread " + Thread.currentThread().getName()));
    fancyCar.alarm().join(); // WEE WOO x5, then the callback, handed to the reactor thread

    reactorThread.shutdown(); // lets the callback finish first
    reactorThread.awaitTermination(10, TimeUnit.SECONDS);
    // README:end
  }

  static void realPool() throws Exception {
    // README:begin java-real-pool
    ThimblePool cars = ThimblePool.builder("cars").threads(0, 4).build(); // not started yet
    Thimble<Car> thimble = Thimble.of(new Car(), cars);                 // owner: the JVM's shutdown
    AsyncCar car = thimble.proxy(AsyncCar.class);

    List<CompletableFuture<String>> drives = List.of(
        car.driveTo("work"), car.driveTo("school"), car.driveTo("the sea"));
    CompletableFuture.allOf(drives.toArray(new CompletableFuture<?>[0])).join();
    drives.forEach(drive -> System.out.println(drive.join()));
    // README:end
    System.out.println("pool " + cars.name() + " started by the first call: " + cars.isStarted());
    CompletableFuture<String> trip = thimble.submit(c -> c.driveTo("the hills") + " on " + c.wheels() + " wheels");
    System.out.println(trip.get(10, TimeUnit.SECONDS)); // driven to the hills on 4 wheels
  }

  /**
   * Runs the tutorial alone.
   *
   * @param args ignored
   * @throws Exception if an example fails
   */
  public static void main(String[] args) throws Exception {
    run();
  }
}
