package dev.thimble.examples.docs;

// README:begin docs-timeout
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class TimeoutExample {
  static String run() throws InterruptedException {
    Thimble<Worker> thimble = Thimble.builder(new Worker())
        .pool(ThimblePool.builder("work").threads(0, 2).build())
        .timeout(5, TimeUnit.SECONDS)                  // every call...
        .timeout("take", 250, TimeUnit.MILLISECONDS)  // ...but take gets less
        .build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).take(new LinkedBlockingQueue<>());
    try {
      return call.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause().toString(); // java.util.concurrent.TimeoutException: AsyncWorker.take timed out ...
    } catch (TimeoutException e) {
      return "no timeout within 10 seconds";
    }
  }
}
// README:end
