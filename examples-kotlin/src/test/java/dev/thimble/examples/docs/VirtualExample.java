package dev.thimble.examples.docs;

// README:begin docs-virtual
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.TimeUnit;

final class VirtualExample {
  static String run() throws Exception {
    ThimblePool pool = ThimblePool.virtual("io"); // JDK 21+; no queue, no thread limit: bound it with maxConcurrency
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool).maxConcurrency(100).build();
    Thread thread = thimble.submit(w -> Thread.currentThread()).get(10, TimeUnit.SECONDS);
    thimble.close(); // stops the pool the thimble started
    return thread.getName() + (thread.toString().startsWith("VirtualThread") ? " (virtual)" : "");
  }
}
// README:end
