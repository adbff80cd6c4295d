package dev.thimble.attack;

import dev.thimble.Thimble;
import dev.thimble.internal.Adapters;
import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceAdapter;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Run in a child JVM by {@link SeamsTest}: a user installs an access of its own before {@code Thimble} is
 * initialised, then uses Thimble. Prints what became of each.
 */
public final class HijackProgram {
  private HijackProgram() {}

  /** A user's access: sees every thimble an adapter passes through. */
  static final class Spy extends Adapters.Access {
    @Override
    protected <A> A proxy(Thimble<?> thimble, Class<A> face, FaceAdapter adapter) {
      throw new IllegalStateException("hijacked");
    }

    @Override
    protected BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
        @Nullable Type resultType) {
      throw new IllegalStateException("hijacked");
    }

    @Override
    protected <T, V> V attachment(Thimble<T> thimble, Class<V> type,
        Function<? super Thimble<T>, ? extends V> create) {
      throw new IllegalStateException("hijacked");
    }

    @Override
    protected boolean fits(Type from, Type to) {
      return true;
    }

    @Override
    protected @Nullable Type typeArgument(Type type, Class<?> generic) {
      return null;
    }
  }

  public static void main(String[] args) {
    try {
      Adapters.install(new Spy());
      System.out.println("user install accepted");
    } catch (RuntimeException e) {
      System.out.println("user install refused: " + e);
    }
    try {
      String s = Thimble.of("abc", new InlinePool()).submit(String::length).join().toString();
      System.out.println("thimble works: " + s);
    } catch (Throwable e) {
      System.out.println("thimble broken: " + e);
    }
  }
}
