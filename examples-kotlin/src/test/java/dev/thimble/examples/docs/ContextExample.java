package dev.thimble.examples.docs;

// README:begin docs-context
import dev.thimble.ContextPropagator;
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

final class ContextExample {
  static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

  static String run() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker())
        .pool(ThimblePool.builder("work").threads(0, 2).build())
        .propagate(ContextPropagator.threadLocal(REQUEST_ID)) // MDC, a tracing span: write a ContextPropagator
        .build();
    REQUEST_ID.set("request-42");
    try {
      CompletableFuture<String> seen =
          thimble.submit(w -> REQUEST_ID.get() + " on " + Thread.currentThread().getName()); // on a pool thread
      return seen.get(10, TimeUnit.SECONDS); // request-42 on work-1
    } finally {
      REQUEST_ID.remove();
    }
  }
}
// README:end
