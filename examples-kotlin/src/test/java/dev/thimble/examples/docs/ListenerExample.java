package dev.thimble.examples.docs;

// README:begin docs-listener
import dev.thimble.Thimble;
import dev.thimble.ThimbleListener;
import dev.thimble.ThimbleStats;
import dev.thimble.testing.InlinePool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class ListenerExample {
  static List<String> run() {
    List<String> log = new CopyOnWriteArrayList<>();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(new InlinePool()) // runs calls at once
        .recordStats(true) // for stats(), below: counting costs every call, so it is asked for
        .listener(new ThimbleListener() { // runs where the event happens: keep it quick
          @Override
          public void succeeded(String call, long runNanos) {
            log.add(call + " succeeded");
          }

          @Override
          public void failed(String call, Throwable error, long runNanos) {
            log.add(call + " failed: " + error.getMessage());
          }
        })
        .build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    worker.echo("hello");
    worker.fail(new IOException("disk full"));

    ThimbleStats stats = thimble.stats(); // the counts always add up
    log.add(stats.submitted() + " submitted: " + stats.succeeded() + " succeeded, " + stats.failed() + " failed, "
        + stats.queued() + " queued, " + stats.running() + " running");
    return log;
  }
}
// README:end
