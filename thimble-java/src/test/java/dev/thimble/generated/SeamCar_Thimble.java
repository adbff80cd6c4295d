package dev.thimble.generated;

import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceBinder;
import dev.thimble.internal.GeneratedFace;
import java.util.concurrent.CompletableFuture;

/** What thimble-processor generates for {@link SeamCar}, by hand: the core's side of generated faces is tested. */
public final class SeamCar_Thimble extends GeneratedFace implements SeamCar {
  private final BoundMethod driveTo;
  private final BoundMethod wheels;

  public SeamCar_Thimble(FaceBinder binder) {
    super(binder);
    SeamCar.Car target = binder.target(SeamCar.Car.class);
    driveTo = binder.bind("SeamCar", "driveTo", new Class<?>[] {String.class},
        args -> target.driveTo((String) args[0]));
    wheels = binder.bind("SeamCar", "wheels", new Class<?>[0], args -> target.wheels());
  }

  @Override
  public CompletableFuture<String> driveTo(String location) {
    return async(driveTo, new Object[] {location});
  }

  @Override
  public int wheels() {
    try {
      return GeneratedFace.<Integer>call(wheels, null);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new java.lang.reflect.UndeclaredThrowableException(e);
    }
  }
}
