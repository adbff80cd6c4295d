package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.hidden.HiddenTargets;
import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The interface face of DESIGN 3.1: which face methods run on the pool, which pass through, and how they match. */
class ProxyFaceTest {

  /** A blocking class with one of each kind of method a face can mirror. */
  public static class Car {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<String> radio = new CompletableFuture<>();
    private int odometer;

    public String driveTo(String location) {
      log.add("driveTo " + location + " on " + Thread.currentThread().getName());
      return "driven to " + location;
    }

    public int wheels() {
      return 4;
    }

    public void honk() {
      log.add("honk");
    }

    public synchronized int drive(int km) {
      odometer += km;
      return odometer;
    }

    public String describe(int value) {
      return "int " + value;
    }

    public String describe(Integer value) {
      return "Integer " + value;
    }

    public String describe(long value) {
      return "long " + value;
    }

    public String describe(String value, int times) {
      return "String " + value + " x" + times;
    }

    public String join(String separator, String... parts) {
      return String.join(separator, parts);
    }

    public int[] numbers(int... values) {
      return values;
    }

    public CompletableFuture<String> radio() {
      return radio;
    }

    public String whoCalls() {
      return Thread.currentThread().getName();
    }

    public Integer boxedSeats() {
      return 5;
    }
  }

  /** A subclass: its face also reaches the methods it inherits. */
  public static class FancyCar extends Car {
    public String alarm() {
      return "WEE WOO";
    }
  }

  @ThimbleFace(target = Car.class)
  public interface AsyncCar {
    CompletableFuture<String> driveTo(String location);

    int wheels();
  }

  @Test
  void futureMethodRunsOnThePoolAndOthersPassThrough() throws Exception {
    ManualPool pool = new ManualPool();
    Car car = new Car();
    AsyncCar face = Thimble.of(car, pool).proxy(AsyncCar.class);

    CompletableFuture<String> driven = face.driveTo("work");

    assertFalse(driven.isDone(), "the call waits for the pool");
    assertTrue(car.log.isEmpty(), "the target was not called on the caller's thread");
    assertEquals(4, face.wheels(), "pass-through: answered at once, no pool involved");
    assertEquals(1, pool.pending());
    assertTrue(pool.runNext());
    assertEquals("driven to work", driven.get(10, SECONDS));
  }

  @ThimbleFace(target = Car.class)
  public interface WhoCallsLater {
    CompletableFuture<String> whoCalls();
  }

  @ThimbleFace(target = Car.class)
  public interface WhoCallsNow {
    String whoCalls();
  }

  @Test
  void asyncMethodRunsOnAPoolThreadAndPassThroughOnTheCaller() throws Exception {
    try (ThimblePool pool = ThimblePool.builder("faces").threads(0, 1).build()) {
      Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(action -> {}).build();

      assertEquals("faces-1", thimble.proxy(WhoCallsLater.class).whoCalls().get(10, SECONDS));
      assertEquals(Thread.currentThread().getName(), thimble.proxy(WhoCallsNow.class).whoCalls());
    }
  }

  @ThimbleFace(target = Car.class)
  public interface AllFutureKinds {
    CompletableFuture<String> driveTo(String location);

    CompletionStage<Integer> wheels();

    Future<Integer> drive(int km);
  }

  @Test
  void completableFutureCompletionStageAndFutureReturnsAllRunOnThePool() throws Exception {
    ManualPool pool = new ManualPool();
    AllFutureKinds face = Thimble.of(new Car(), pool).proxy(AllFutureKinds.class);

    CompletableFuture<String> driven = face.driveTo("work");
    CompletionStage<Integer> wheels = face.wheels();
    Future<Integer> odometer = face.drive(12);

    assertEquals(3, pool.pending());
    assertFalse(odometer.isDone());
    assertEquals(3, pool.runAll());
    assertEquals("driven to work", driven.get(10, SECONDS));
    assertEquals(4, wheels.toCompletableFuture().get(10, SECONDS));
    assertEquals(12, odometer.get(10, SECONDS));
  }

  @Test
  void primitiveResultsAreBoxedAndVoidFitsVoid() throws Exception {
    BoxesCar car = new BoxesCar();
    Boxes face = Thimble.of(car, new InlinePool()).proxy(Boxes.class);

    assertEquals(4, face.wheels().get(10, SECONDS));
    assertEquals(7, face.drive(7).get(10, SECONDS));
    assertNull(face.honk().get(10, SECONDS));
    assertEquals(Collections.singletonList("honk"), car.log);
    assertEquals("driven to work", face.driveTo("work").get(10, SECONDS));
    assertEquals(5, face.boxedSeats(), "an Integer result unboxes to the face's int");
    assertEquals(Integer.valueOf(4), face.wheelsInt(), "an int result boxes to the face's Integer");
  }

  @ThimbleFace(target = BoxesCar.class)
  public interface Boxes {
    CompletableFuture<Integer> wheels();

    CompletableFuture<Number> drive(int km);

    CompletableFuture<Void> honk();

    CompletableFuture<Object> driveTo(String location);

    int boxedSeats();

    Integer wheelsInt();
  }

  /** {@code Boxes.wheelsInt} passes through to a target method returning {@code int}. */
  public static class BoxesCar extends Car {
    public int wheelsInt() {
      return wheels();
    }
  }

  @ThimbleFace(target = Car.class)
  public interface VoidPassThrough {
    void driveTo(String location);

    void honk();
  }

  @Test
  void voidPassThroughDropsTheTargetsResult() {
    Car car = new Car();
    VoidPassThrough face = Thimble.of(car, new ManualPool()).proxy(VoidPassThrough.class);

    face.driveTo("work");
    face.honk();

    assertEquals(2, car.log.size());
    assertEquals("honk", car.log.get(1));
  }

  @ThimbleFace(target = Car.class)
  public interface Overloads {
    CompletableFuture<String> describe(int value);

    CompletableFuture<String> describe(Integer value);

    CompletableFuture<String> describe(long value);

    String describe(String value, int times);
  }

  @Test
  void overloadsAreMatchedByExactParameterTypes() throws Exception {
    Overloads face = Thimble.of(new Car(), new InlinePool()).proxy(Overloads.class);

    assertEquals("int 1", face.describe(1).get(10, SECONDS));
    assertEquals("Integer 2", face.describe(Integer.valueOf(2)).get(10, SECONDS));
    assertEquals("long 3", face.describe(3L).get(10, SECONDS));
    assertEquals("String a x2", face.describe("a", 2));
  }

  @ThimbleFace(target = Car.class)
  public interface Varargs {
    CompletableFuture<String> join(String separator, String... parts);

    int[] numbers(int... values);
  }

  @Test
  void varargsArePassedAsTheirArray() throws Exception {
    Varargs face = Thimble.of(new Car(), new InlinePool()).proxy(Varargs.class);

    assertEquals("a-b-c", face.join("-", "a", "b", "c").get(10, SECONDS));
    assertEquals("", face.join("-").get(10, SECONDS));
    assertArrayEquals(new int[] {1, 2}, face.numbers(1, 2));
    assertArrayEquals(new int[0], face.numbers());
  }

  @ThimbleFace(target = Car.class)
  public interface Radio {
    CompletableFuture<String> radio();
  }

  @ThimbleFace(target = Car.class)
  public interface RadioStage {
    CompletionStage<String> radio();
  }

  @Test
  void targetMethodThatAlreadyReturnsAFutureIsPassedThroughNotWrappedTwice() {
    ManualPool pool = new ManualPool();
    Car car = new Car();
    Thimble<Car> thimble = Thimble.of(car, pool);

    CompletableFuture<String> same = thimble.proxy(Radio.class).radio();
    CompletionStage<String> stage = thimble.proxy(RadioStage.class).radio();

    assertSame(car.radio, same);
    assertSame(car.radio, stage);
    assertEquals(0, pool.pending(), "nothing was sent to the pool");
    assertFalse(pool.isStarted(), "an already-async method does not need the pool");
  }

  @ThimbleFace(target = Car.class)
  public interface Defaults {
    CompletableFuture<String> driveTo(String location);

    int wheels();

    default CompletableFuture<String> driveHome() {
      return driveTo("home");
    }

    default int axles() {
      return wheels() / 2;
    }
  }

  @Test
  void defaultMethodsRunAsWritten() throws Exception {
    ManualPool pool = new ManualPool();
    Defaults face = Thimble.of(new Car(), pool).proxy(Defaults.class);

    CompletableFuture<String> home = face.driveHome();

    assertEquals(2, face.axles());
    assertEquals(1, pool.runAll());
    assertEquals("driven to home", home.get(10, SECONDS));
  }

  @ThimbleFace(target = Car.class)
  interface PackagePrivateFace {
    CompletableFuture<String> driveTo(String location);

    default String driveToWork() {
      return driveTo("work").join();
    }
  }

  @Test
  void packagePrivateFaceWithDefaultMethodWorks() {
    PackagePrivateFace face = Thimble.of(new Car(), new InlinePool()).proxy(PackagePrivateFace.class);

    assertEquals("driven to work", face.driveToWork());
  }

  @Test
  void defaultMethodOfAPackagePrivateFaceInAnotherPackageWorks() {
    Thimble<HiddenTargets.Greeter> thimble = Thimble.of(HiddenTargets.greeter(), new InlinePool());

    assertEquals("hello, world", HiddenTargets.greetWorld(thimble));
  }

  @Test
  void equalsHashCodeAndToStringAreTheProxysOwn() {
    Thimble<Car> thimble = Thimble.of(new Car(), new InlinePool("cars"));
    AsyncCar face = thimble.proxy(AsyncCar.class);
    AsyncCar other = thimble.proxy(AsyncCar.class);

    assertEquals(face, face);
    assertNotEquals(face, other);
    assertNotEquals(face, null);
    assertEquals(System.identityHashCode(face), face.hashCode());
    assertEquals("AsyncCar proxy of Thimble[dev.thimble.ProxyFaceTest$Car on pool cars]", face.toString());
  }

  @ThimbleFace(target = Car.class)
  public interface DeclaresObjectMethods {
    CompletableFuture<String> driveTo(String location);

    @Override
    String toString();

    @Override
    boolean equals(Object other);

    @Override
    int hashCode();
  }

  @Test
  void objectMethodsRedeclaredByTheFaceAreStillTheProxysOwn() {
    DeclaresObjectMethods face = Thimble.of(new Car(), new InlinePool("cars")).proxy(DeclaresObjectMethods.class);

    assertEquals("DeclaresObjectMethods proxy of Thimble[dev.thimble.ProxyFaceTest$Car on pool cars]",
        face.toString());
    assertEquals(face, face);
    assertEquals(System.identityHashCode(face), face.hashCode());
  }

  @ThimbleFace(target = Car.class)
  public interface Driving {
    CompletableFuture<String> driveTo(String location);
  }

  @ThimbleFace(target = FancyCar.class)
  public interface Alarming extends Driving {
    CompletableFuture<String> alarm();

    int wheels();
  }

  @Test
  void methodsInheritedFromSuperInterfacesAndSuperclassesMatch() throws Exception {
    Alarming face = Thimble.of(new FancyCar(), new InlinePool()).proxy(Alarming.class);

    assertEquals("driven to work", face.driveTo("work").get(10, SECONDS), "declared by the face's super-interface");
    assertEquals("WEE WOO", face.alarm().get(10, SECONDS));
    assertEquals(4, face.wheels(), "declared by the target's superclass");
  }

  @ThimbleFace(target = HiddenTargets.Greeter.class)
  public interface AsyncGreeter {
    CompletableFuture<String> greet(String name);

    int greetings();
  }

  @Test
  void targetWhoseClassIsNotPublicIsCalledThroughItsPublicInterface() throws Exception {
    HiddenTargets.Greeter greeter = HiddenTargets.greeter();
    AsyncGreeter face = Thimble.of(greeter, new InlinePool()).proxy(AsyncGreeter.class);

    assertEquals("hello, thimble", face.greet("thimble").get(10, SECONDS));
    assertEquals(1, face.greetings());
  }

  @Test
  void primitiveArgumentsReachTheTarget() throws Exception {
    ManualPool pool = new ManualPool();
    AllFutureKinds face = Thimble.of(new Car(), pool).proxy(AllFutureKinds.class);

    Future<Integer> first = face.drive(5);
    Future<Integer> second = face.drive(7);
    pool.runAll();

    assertEquals(5, first.get(10, SECONDS));
    assertEquals(12, second.get(10, SECONDS));
  }

  @Test
  void makingAFaceDoesNotStartThePoolOrCallTheTarget() {
    ManualPool pool = new ManualPool();
    Car car = new Car();
    Thimble.of(car, pool).proxy(AsyncCar.class);

    assertFalse(pool.isStarted());
    assertTrue(car.log.isEmpty());
  }
}
