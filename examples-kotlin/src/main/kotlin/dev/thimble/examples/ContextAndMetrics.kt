package dev.thimble.examples

// README:begin kotlin-context-imports
import dev.thimble.ContextPropagator
import dev.thimble.Thimble
import dev.thimble.ThimbleListener
import dev.thimble.ThimblePool
import io.micrometer.core.instrument.Counter
import io.micrometer.core.instrument.MeterRegistry
import io.micrometer.core.instrument.Timer
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import org.slf4j.MDC
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
// README:end

/**
 * Context and metrics: SLF4J's MDC carried from the caller to the pool thread by a [ContextPropagator], and a
 * Micrometer registry fed by a [ThimbleListener].
 */
object ContextAndMetrics {
  /** A blocking service that reads the request id its caller put in the MDC. */
  class OrderService {
    fun load(orderId: Int): String {
      Thread.sleep(10) // the real implementation blocks
      require(orderId != 13) { "no order 13" }
      return "order $orderId for request ${MDC.get("requestId")} on ${Thread.currentThread().name}"
    }
  }

  // README:begin kotlin-mdc-propagator
  /** Carries SLF4J's MDC to the pool thread for the call, and puts the pool thread's own back afterwards. */
  val mdc = ContextPropagator {
    val callers: Map<String, String>? = MDC.getCopyOfContextMap()
    ContextPropagator.Snapshot {
      val previous: Map<String, String>? = MDC.getCopyOfContextMap()
      setOrClear(callers)
      ContextPropagator.Scope { setOrClear(previous) }
    }
  }

  private fun setOrClear(context: Map<String, String>?) =
    if (context == null) MDC.clear() else MDC.setContextMap(context)
  // README:end

  // README:begin kotlin-micrometer-listener
  /** Times every call and counts how each ended, tagged with the call's name. */
  class MicrometerListener(private val registry: MeterRegistry, private val thimble: String) : ThimbleListener {
    private fun outcome(call: String, outcome: String) =
      Counter.builder("thimble.calls").tags("thimble", thimble, "call", call, "outcome", outcome)
        .register(registry).increment()

    private fun timer(name: String, call: String) =
      Timer.builder(name).tags("thimble", thimble, "call", call).register(registry)

    override fun started(call: String, queueWaitNanos: Long) =
      timer("thimble.queue.wait", call).record(queueWaitNanos, TimeUnit.NANOSECONDS)

    override fun succeeded(call: String, runNanos: Long) {
      timer("thimble.run", call).record(runNanos, TimeUnit.NANOSECONDS)
      outcome(call, "succeeded")
    }

    override fun failed(call: String, error: Throwable, runNanos: Long) {
      timer("thimble.run", call).record(runNanos, TimeUnit.NANOSECONDS)
      outcome(call, "failed")
    }

    override fun cancelled(call: String) = outcome(call, "cancelled")

    override fun rejected(call: String, error: java.util.concurrent.RejectedExecutionException) =
      outcome(call, "rejected")

    override fun timedOut(call: String, error: TimeoutException) = outcome(call, "timedOut")
  }
  // README:end

  /** Runs the example, printing each step. */
  @JvmStatic
  fun run() {
    val registry = SimpleMeterRegistry()
    // README:begin kotlin-context-and-metrics
    val orders = Thimble.builder(OrderService())
      .pool(ThimblePool.builder("orders").threads(0, 4).build())
      .recordStats(true) // for stats(); the listener hears every call either way
      .propagate(mdc)
      .listener(MicrometerListener(registry, "orders"))
      .build()

    val loads = (1..15).map { orderId ->
      MDC.put("requestId", "req-$orderId") // as a web filter would, on the request's thread
      try {
        orders.submit { it.load(orderId) }
      } finally {
        MDC.remove("requestId")
      }
    }
    CompletableFuture.allOf(*loads.toTypedArray()).exceptionally { null }.get(10, TimeUnit.SECONDS)
    loads.take(3).forEach { println(it.join()) } // order 1 for request req-1 on orders-1, ...
    // README:end

    println("pool threads keep no MDC between calls: " + orders.submit { MDC.get("requestId") }.get(10, TimeUnit.SECONDS))
    println("calls: " + registry.find("thimble.calls").counters()
      .sortedBy { it.id.getTag("outcome") }
      .joinToString { "${it.id.getTag("outcome")}=${it.count().toInt()}" })
    val run = registry.get("thimble.run").timer()
    val wait = registry.get("thimble.queue.wait").timer()
    println("run time: %d calls, mean %.1f ms, max %.1f ms".format(
      run.count(), run.mean(TimeUnit.MILLISECONDS), run.max(TimeUnit.MILLISECONDS)))
    println("queue wait: mean %.1f ms, max %.1f ms".format(
      wait.mean(TimeUnit.MILLISECONDS), wait.max(TimeUnit.MILLISECONDS)))
    println("thimble stats: ${orders.stats()}")
    orders.close()
  }
}
