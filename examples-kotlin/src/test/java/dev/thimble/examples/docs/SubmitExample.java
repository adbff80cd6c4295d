package dev.thimble.examples.docs;

// README:begin docs-submit
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

final class SubmitExample {
  static String run() throws Exception {
    Thimble<Worker> thimble = Thimble.of(new Worker(), ThimblePool.builder("work").threads(0, 2).build());
    CompletableFuture<String> echo = thimble.submit(w -> w.echo("hello") + " from a lambda"); // no interface
    return echo.get(10, TimeUnit.SECONDS); // hello from a lambda
  }
}
// README:end
