package dev.thimble.hidden;

import dev.thimble.Hooks;
import dev.thimble.Thimble;
import dev.thimble.testing.InlinePool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A user's callback interface that is not public, in a package of the user's own, and a target that takes one. */
public final class Beepers {
  private Beepers() {}

  interface Beeper {
    void beep(String sound);
  }

  /** The target: calls its callback at once, on whatever thread calls it. */
  public static final class Horn {
    public void onBeep(Beeper beeper) {
      beeper.beep("beep");
    }
  }

  interface AsyncHorn {
    void onBeep(Beeper beeper);
  }

  /**
   * Registers a package-private callback through a face whose callbacks are re-routed to {@code executor}.
   *
   * @param executor where callbacks should run
   * @return what the callback heard, so far
   */
  public static List<String> registerBeeper(Executor executor) {
    List<String> heard = new ArrayList<>();
    Thimble.builder(new Horn()).pool(new InlinePool()).hook(Hooks.callbacksOn(executor)).build()
        .proxy(AsyncHorn.class).onBeep(heard::add);
    return heard;
  }
}
