package dev.thimble.examples.docs;

// README:begin docs-cancel
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class CancelExample {
  static String run() throws Exception {
    ThimblePool oneThread = ThimblePool.builder("one").threads(0, 1).build();
    AsyncWorker worker = Thimble.of(new Worker(), oneThread).proxy(AsyncWorker.class);

    CompletableFuture<String> stuck = worker.take(new LinkedBlockingQueue<>()); // would block forever
    CompletableFuture<Integer> length = stuck.thenApply(String::length);
    length.cancel(true); // cancels only that stage, as with any CompletableFuture: the call goes on

    stuck.cancel(true); // queued: removed, never runs; running: the pool thread is interrupted, take() returns
    String next = worker.echo("next").get(10, TimeUnit.SECONDS); // the pool's only thread is free again
    return "cancelled: " + stuck.isCancelled() + ", next call: " + next;
  }
}
// README:end
