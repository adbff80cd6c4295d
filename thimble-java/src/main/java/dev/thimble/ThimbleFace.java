package dev.thimble;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a face of {@link #target()}, so that apps shrunk by R8 or ProGuard keep what its proxy needs.
 *
 * <p>A face is matched to its target by name, by reflection, when {@link Thimble#proxy(Class)} or the Kotlin
 * adapter's {@code suspending} makes it. A shrinker cannot see that link: without rules it renames or removes the
 * face's and the target's methods, and the shrunk app fails when the face is made. The rules that ship in thimble's
 * jars ({@code META-INF/proguard/} and {@code META-INF/com.android.tools/}, read by the Android Gradle plugin) key on
 * this annotation: they keep an annotated face and its methods, and the public methods named like them, so the
 * face still finds its target after shrinking. A face works the same without the annotation; it is only an
 * unannotated face in a shrunk app that fails.
 * <pre>{@code
 * @ThimbleFace(target = Car.class)
 * interface AsyncCar {
 *   CompletableFuture<String> driveTo(String location);
 * }
 * }</pre>
 *
 * <p>The annotation is also the marker a code generator will key on to make faces at compile time; it is kept at
 * run time, so that such generated faces can be found from the face.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ThimbleFace {
  /**
   * The class whose public methods the face calls: the type of the {@link Thimble#target() target}, or a supertype.
   *
   * @return the target's class
   */
  Class<?> target();
}
