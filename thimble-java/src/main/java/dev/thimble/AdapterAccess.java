package dev.thimble;

import dev.thimble.internal.Adapters;
import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceAdapter;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The core's side of {@link Adapters}: installed by {@link Thimble}'s class initialiser. */
final class AdapterAccess extends Adapters.Access {
  static void install() {
    Adapters.install(new AdapterAccess());
  }

  @Override
  protected <A> A proxy(Thimble<?> thimble, Class<A> face, FaceAdapter adapter) {
    return FaceParser.proxy(thimble, face, adapter);
  }

  @Override
  protected BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
      @Nullable Type resultType) {
    return FaceParser.bind(thimble, faceMethod, parameterTypes, resultType, FaceParser.JAVA);
  }

  @Override
  protected <T, V> V attachment(Thimble<T> thimble, Class<V> type, Function<? super Thimble<T>, ? extends V> create) {
    return thimble.attachment(type, create);
  }

  @Override
  protected boolean fits(Type from, Type to) {
    return TargetMethods.fits(from, to);
  }

  @Override
  protected @Nullable Type typeArgument(Type type, Class<?> generic) {
    return TargetMethods.typeArgumentAs(type, generic);
  }
}
