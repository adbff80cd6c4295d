package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thimble.testing.ManualPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad input fails fast, in {@code proxy(...)} or the builder, with a message naming the method and what was wanted. */
class FaceValidationTest {

  public static class Car {
    public String driveTo(String location) {
      return "driven to " + location;
    }

    public String driveTo(String location, int speed) {
      return "driven to " + location + " at " + speed;
    }

    public int wheels() {
      return 4;
    }

    public void honk() {}

    public List<String> passengers() {
      return java.util.Collections.emptyList();
    }

    public CompletableFuture<Integer> radioChannel() {
      return CompletableFuture.completedFuture(101);
    }
  }

  public static class Empty {}

  private final ManualPool pool = new ManualPool();
  private final Thimble<Car> thimble = Thimble.of(new Car(), pool);

  private IllegalArgumentException proxyFails(Class<?> face) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> thimble.proxy(face));
    assertFalse(pool.isStarted(), "a face that does not fit never reaches the pool");
    return e;
  }

  public abstract static class AbstractCar {
    public abstract CompletableFuture<String> driveTo(String location);
  }

  @Test
  void faceThatIsNotAnInterfaceFails() {
    assertEquals("face must be an interface, but dev.thimble.FaceValidationTest$AbstractCar is a class; declare an "
        + "interface that mirrors the methods of Car", proxyFails(AbstractCar.class).getMessage());
    assertEquals("face must be an interface, but String[] is an array type; declare an interface that "
        + "mirrors the methods of Car", proxyFails(String[].class).getMessage());
    assertEquals("face must be an interface, but int is a primitive type; declare an interface that mirrors the "
        + "methods of Car", proxyFails(int.class).getMessage());
  }

  @Test
  void nullFaceFails() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> thimble.proxy(null));
    assertEquals("face == null", e.getMessage());
  }

  public interface Misspelt {
    CompletableFuture<String> drivTo(String location);
  }

  @Test
  void faceMethodWithNoMatchListsTheClosestNames() {
    assertEquals("Car has no public method drivTo(String); closest: driveTo(String), driveTo(String, int)\n"
        + "    for method Misspelt.drivTo", proxyFails(Misspelt.class).getMessage());
  }

  public interface WrongParameters {
    CompletableFuture<String> driveTo(CharSequence location);
  }

  @Test
  void faceMethodWithOtherParameterTypesListsTheOverloads() {
    assertEquals("Car has no public method driveTo(CharSequence); closest: driveTo(String), driveTo(String, int) "
        + "(parameter types must match exactly)\n    for method WrongParameters.driveTo",
        proxyFails(WrongParameters.class).getMessage());
  }

  public interface Unrelated {
    CompletableFuture<String> fly(String destination);
  }

  @Test
  void faceMethodWithNothingCloseListsAllPublicMethods() {
    assertEquals("Car has no public method fly(String); its public methods: driveTo(String), driveTo(String, int), "
        + "honk(), passengers(), radioChannel(), wheels()\n    for method Unrelated.fly",
        proxyFails(Unrelated.class).getMessage());
  }

  @Test
  void faceOverATargetWithoutMethodsSaysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Thimble.of(new Empty(), pool).proxy(Unrelated.class));
    assertEquals("Empty has no public method fly(String); it has no public methods of its own\n"
        + "    for method Unrelated.fly", e.getMessage());
  }

  public interface WrongAsyncResult {
    CompletableFuture<String> wheels();
  }

  @Test
  void asyncResultThatDoesNotFitFails() {
    assertEquals("Car.wheels() returns int, which does not fit CompletableFuture's value type String; declare it as "
        + "Integer (or a supertype)\n    for method WrongAsyncResult.wheels",
        proxyFails(WrongAsyncResult.class).getMessage());
  }

  public interface WrongGenericResult {
    CompletionStage<Integer> passengers();
  }

  @Test
  void asyncGenericResultThatDoesNotFitNamesTheGenericTypes() {
    assertEquals("Car.passengers() returns List<String>, which does not fit CompletionStage's value type Integer; "
        + "declare it as List (or a supertype)\n    for method WrongGenericResult.passengers",
        proxyFails(WrongGenericResult.class).getMessage());
  }

  public interface WrongPassThroughResult {
    String wheels();
  }

  @Test
  void passThroughResultThatDoesNotFitFails() {
    assertEquals("Car.wheels() returns int, which does not fit the face's String; to run it on the pool, return "
        + "CompletableFuture<Integer>\n    for method WrongPassThroughResult.wheels",
        proxyFails(WrongPassThroughResult.class).getMessage());
  }

  public interface WideningIsNotAFit {
    long wheels();
  }

  @Test
  void passThroughPrimitiveWideningIsNotAFit() {
    assertEquals("Car.wheels() returns int, which does not fit the face's long; to run it on the pool, return "
        + "CompletableFuture<Integer>\n    for method WideningIsNotAFit.wheels",
        proxyFails(WideningIsNotAFit.class).getMessage());
  }

  public interface WrongAlreadyAsync {
    CompletableFuture<String> radioChannel();
  }

  @Test
  void alreadyAsyncTargetWhoseValueDoesNotFitFails() {
    assertEquals("Car.radioChannel already returns CompletableFuture<Integer>, whose value does not fit "
        + "CompletableFuture<String>\n    for method WrongAlreadyAsync.radioChannel",
        proxyFails(WrongAlreadyAsync.class).getMessage());
  }

  public interface VoidIsNotAValue {
    Future<String> honk();
  }

  @Test
  void voidTargetFitsOnlyVoid() {
    assertEquals("Car.honk() returns void, which does not fit Future's value type String; declare it as Void (or a "
        + "supertype)\n    for method VoidIsNotAValue.honk", proxyFails(VoidIsNotAValue.class).getMessage());
  }

  public interface OneBadAmongGood {
    CompletableFuture<String> driveTo(String location);

    int wheels();

    CompletableFuture<String> park();
  }

  @Test
  void oneBadMethodFailsTheWholeFaceAndIsNamed() {
    assertEquals("Car has no public method park(); its public methods: driveTo(String), driveTo(String, int), "
        + "honk(), passengers(), radioChannel(), wheels()\n    for method OneBadAmongGood.park",
        proxyFails(OneBadAmongGood.class).getMessage());
  }

  public static class WithStatic {
    public static String make() {
      return "made";
    }
  }

  public interface CallsStatic {
    CompletableFuture<String> make();
  }

  @Test
  void staticTargetMethodsDoNotMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Thimble.of(new WithStatic(), pool).proxy(CallsStatic.class));
    assertEquals("WithStatic has no public method make(); it has no public methods of its own\n"
        + "    for method CallsStatic.make", e.getMessage());
  }

  @Test
  void hookForAMethodTheTargetDoesNotHaveFailsAtBuild() {
    Thimble.Builder<Car> builder = Thimble.builder(new Car()).hook("drive", (t, m, original) -> original);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertEquals("hook(\"drive\", ...): Car has no public method named drive; closest: driveTo(String), "
        + "driveTo(String, int)", e.getMessage());
  }

  @Test
  void timeoutForAMethodTheTargetDoesNotHaveFailsAtBuild() {
    Thimble.Builder<Car> builder = Thimble.builder(new Car()).timeout("whels", 1, TimeUnit.SECONDS);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertEquals("timeout(\"whels\", ...): Car has no public method named whels; closest: wheels()", e.getMessage());
  }

  @Test
  void hookThatReturnsNullFailsWhenTheFaceIsMade() {
    Hook returnsNull = new Hook() {
      @Override
      public Invoker wrap(Thimble<?> t, java.lang.reflect.Method method, Invoker original) {
        return null;
      }

      @Override
      public String toString() {
        return "ReturnsNull";
      }
    };
    Thimble<Car> hooked = Thimble.builder(new Car()).pool(pool).hook("wheels", returnsNull).build();

    NullPointerException e = assertThrows(NullPointerException.class, () -> hooked.proxy(WheelsFace.class));
    assertEquals("hook ReturnsNull returned null for method wheels; return the invoker it is given to leave the method"
        + " as it is", e.getMessage());
  }

  public interface WheelsFace {
    int wheels();
  }

  @Test
  void nullBuilderArgumentsFailFastNamingTheParameter() {
    Thimble.Builder<Car> b = Thimble.builder(new Car());
    Hook hook = (t, m, original) -> original;

    assertNpe("target == null", () -> Thimble.builder(null));
    assertNpe("pool == null", () -> Thimble.of(new Car(), null));
    assertNpe("pool == null", () -> b.pool(null));
    assertNpe("shutdownOwner == null", () -> b.shutdownOwner(null));
    assertNpe("methodName == null", () -> b.hook(null, hook));
    assertNpe("hook == null", () -> b.hook("wheels", null));
    assertNpe("hook == null", () -> b.hook(null));
    assertNpe("executor == null", () -> b.completeOn(null));
    assertNpe("unit == null", () -> b.timeout(1, null));
    assertNpe("methodName == null", () -> b.timeout(null, 1, TimeUnit.SECONDS));
    assertNpe("propagator == null", () -> b.propagate(null));
    assertNpe("listener == null", () -> b.listener(null));
    assertNpe("unit == null", () -> b.stopTimeout(1, null));
    assertNpe("name == null", () -> ThimblePool.builder(null));
    assertNpe("executor == null", () -> ThimblePool.of(null));
    assertNpe("executor == null", () -> Hooks.callbacksOn(null));
  }

  private static void assertNpe(String message, org.junit.jupiter.api.function.Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void badBuilderValuesFailFastWithTheValue() {
    Thimble.Builder<Car> b = Thimble.builder(new Car());

    assertIae("maxConcurrency must be positive: 0", () -> b.maxConcurrency(0));
    assertIae("timeout must be positive: 0 SECONDS", () -> b.timeout(0, TimeUnit.SECONDS));
    assertIae("timeout for wheels must be positive: -1 MILLISECONDS",
        () -> b.timeout("wheels", -1, TimeUnit.MILLISECONDS));
    assertIae("stopTimeout must not be negative: -1 SECONDS", () -> b.stopTimeout(-1, TimeUnit.SECONDS));
    assertIae("name must not be empty: it names the pool's threads", () -> ThimblePool.builder(""));
    assertIae("min threads must not be negative: -1", () -> ThimblePool.builder("p").threads(-1, 1));
    assertIae("max threads must be positive: 0", () -> ThimblePool.builder("p").threads(0, 0));
    assertIae("max threads (1) must not be less than min threads (2)", () -> ThimblePool.builder("p").threads(2, 1));
    assertIae("keepAlive must be positive: 0 SECONDS", () -> ThimblePool.builder("p").keepAlive(0, TimeUnit.SECONDS));
    assertIae("queueCapacity must not be negative: -1", () -> ThimblePool.builder("p").queueCapacity(-1));
  }

  private static void assertIae(String message, org.junit.jupiter.api.function.Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
