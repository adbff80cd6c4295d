package dev.thimble.examples.docs;

// README:begin docs-complete-on
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class CompleteOnExample {
  /** On Android, {@code mainThread} is {@code new Handler(Looper.getMainLooper())::post}. */
  static String run(Executor mainThread) throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker())
        .pool(ThimblePool.builder("work").threads(0, 2).build())
        .completeOn(mainThread) // futures complete there, and the stages chained to them run there
        .build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);

    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    CompletableFuture<String> where = worker.take(queue) // blocks on the pool until the queue has an element
        .thenApply(text -> text + " arrived on " + Thread.currentThread().getName());
    queue.add("hello");
    return where.get(10, TimeUnit.SECONDS); // hello arrived on main (the executor's thread)
  }
}
// README:end
