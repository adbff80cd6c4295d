package dev.thimble.examples.docs;

// README:begin docs-lane
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class LaneExample {
  static String run() throws Exception {
    ThimblePool pool = ThimblePool.builder("shared").threads(0, 4).build(); // 4 threads, maybe shared
    Thimble<Worker> serial = Thimble.builder(new Worker()).pool(pool)
        .maxConcurrency(1) // but one call of this thimble at a time
        .build();
    AsyncWorker worker = serial.proxy(AsyncWorker.class);

    BlockingQueue<String> first = new LinkedBlockingQueue<>();
    CompletableFuture<String> a = worker.take(first);   // runs, and blocks until first has an element
    CompletableFuture<String> b = worker.echo("second"); // waits in the lane (FIFO), holding no pool thread
    boolean bRanEarly = b.isDone();                      // false: it cannot run before a returns
    first.add("first");
    return a.get(10, TimeUnit.SECONDS) + " then " + b.get(10, TimeUnit.SECONDS) + ", b ran early: " + bRanEarly;
  }
}
// README:end
