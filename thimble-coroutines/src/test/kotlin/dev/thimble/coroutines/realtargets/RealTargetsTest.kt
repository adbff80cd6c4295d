package dev.thimble.coroutines.realtargets

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import dev.thimble.Thimble
import dev.thimble.ThimbleListener
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.sql.Connection
import java.sql.ResultSet
import java.sql.Statement
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import javax.sql.DataSource
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.h2.jdbcx.JdbcDataSource

/** Lets a test wait until a call runs on the pool, so that it cancels a call blocked in a JDK method. */
private class Started : ThimbleListener {
  private val started = CountDownLatch(1)

  override fun started(call: String, queueWaitNanos: Long) = started.countDown()

  suspend fun await() = withContext(Dispatchers.IO) {
    check(started.await(30, TimeUnit.SECONDS)) { "the call never started" } // a guard against a hang, not a measure
  }
}

// README:begin real-suspending-queue
interface SuspendingQueue { // over a LinkedBlockingQueue<String>
  suspend fun put(item: String) // void put(E): E is unbound at run time, String fits its bound
  suspend fun take(): String // E take(): unchecked, as erasure is
  fun offer(item: String): Boolean // passes through, on the caller's thread
  fun size(): Int
}
// README:end real-suspending-queue

interface SuspendingMap {
  suspend fun put(key: String, value: String): String?
  suspend fun get(key: Any): String?
  suspend fun remove(key: Any): String?
}

interface SuspendingHttpClient {
  suspend fun send(request: HttpRequest, body: HttpResponse.BodyHandler<String>): HttpResponse<String>
}

interface SuspendingFileChannel {
  suspend fun write(source: ByteBuffer): Int
  suspend fun read(target: ByteBuffer, position: Long): Int
  suspend fun size(): Long
  suspend fun close()
}

interface SuspendingDataSource {
  suspend fun getConnection(): Connection
}

interface SuspendingStatement {
  suspend fun executeUpdate(sql: String): Int
  suspend fun executeQuery(sql: String): ResultSet
}

class KUser(val id: Long, val name: String)

/** A Kotlin base repository, generic in its row type, bound by its subclass. */
abstract class MemoryRepository<T : Any> {
  private val rows = LinkedHashMap<Long, T>()

  protected abstract fun idOf(item: T): Long

  @Synchronized fun store(item: T) {
    rows[idOf(item)] = item
  }

  @Synchronized fun byId(id: Long): T? = rows[id]

  @Synchronized fun all(): List<T> = rows.values.toList()
}

class KUserRepository : MemoryRepository<KUser>() {
  override fun idOf(item: KUser): Long = item.id
}

interface SuspendingUsers {
  suspend fun store(user: KUser)
  suspend fun byId(id: Long): KUser?
  suspend fun all(): List<KUser>
}

interface UsersAsInts {
  suspend fun all(): List<Int>
}

/** A Kotlin repository interface, generic in key and value, bound by the class that implements it. */
interface KeyedStore<K, V> {
  fun load(key: K): V?
  fun save(key: K, value: V)
}

class NameStore : KeyedStore<String, KUser> {
  private val names = ConcurrentHashMap<String, KUser>()
  override fun load(key: String): KUser? = names[key]
  override fun save(key: String, value: KUser) {
    names[key] = value
  }
}

interface SuspendingNames {
  suspend fun load(key: String): KUser?
  suspend fun save(key: String, value: KUser)
}

private val DATABASES = AtomicInteger()

/**
 * Objects no one here wrote, and generic Kotlin repositories, through `suspending<S>()`: the JDK's queue, map,
 * `HttpClient` (against a loopback server) and `FileChannel`, and JDBC through H2, with cancellation of a blocked
 * call.
 */
class RealTargetsTest : FunSpec({
  lateinit var pool: ThimblePool
  beforeTest { pool = ThimblePool.builder("real-kotlin").threads(0, 1).build() }
  afterTest { pool.stopNow() }

  test("a LinkedBlockingQueue of strings puts and takes through suspending members") {
    runBlocking {
      val queue = Thimble.of(LinkedBlockingQueue<String>(), pool).suspending<SuspendingQueue>()
      queue.put("first")
      queue.offer("second") shouldBe true
      queue.size() shouldBe 2
      queue.take() shouldBe "first"
    }
  }

  test("cancelling a coroutine whose take is blocked on an empty queue interrupts the take") {
    runBlocking {
      val started = Started()
      val queue = Thimble.builder(LinkedBlockingQueue<String>()).pool(pool).listener(started).build()
        .suspending<SuspendingQueue>()
      val blocked = launch(start = CoroutineStart.UNDISPATCHED) { queue.take() }
      started.await()
      blocked.cancelAndJoin()
      // One pool thread: these run only because the blocked take was interrupted off it.
      queue.put("after")
      queue.take() shouldBe "after"
      blocked.isCancelled shouldBe true
    }
  }

  test("a ConcurrentHashMap of strings matches members of its key and value types") {
    runBlocking {
      val map = Thimble.of(ConcurrentHashMap<String, String>(), pool).suspending<SuspendingMap>()
      map.put("k", "v") shouldBe null
      map.get("k") shouldBe "v"
      map.remove("k") shouldBe "v"
      map.get("k") shouldBe null
    }
  }

  test("HttpClient.send suspends, through the public HttpClient, against a loopback server") {
    val server = HttpServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
    val handlers = Executors.newCachedThreadPool()
    val release = CountDownLatch(1)
    fun respond(exchange: HttpExchange, body: String) {
      val bytes = body.toByteArray()
      exchange.sendResponseHeaders(200, bytes.size.toLong())
      exchange.responseBody.use { it.write(bytes) }
    }
    server.createContext("/hello") { respond(it, "hello ${it.requestURI.query}") }
    server.createContext("/slow") {
      release.await()
      respond(it, "late")
    }
    server.executor = handlers
    server.start()
    try {
      runBlocking {
        val uri = { path: String -> URI.create("http://${server.address.hostString}:${server.address.port}$path") }
        val client = HttpClient.newHttpClient()
        client.javaClass.name shouldStartWith "jdk.internal."
        val started = Started()
        val http = Thimble.builder(client).pool(pool).listener(started).build().suspending<SuspendingHttpClient>()

        http.send(HttpRequest.newBuilder(uri("/hello?world")).build(), HttpResponse.BodyHandlers.ofString())
          .body() shouldBe "hello world"

        val blocked = launch(start = CoroutineStart.UNDISPATCHED) {
          http.send(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString())
        }
        started.await()
        blocked.cancelAndJoin()
        // One pool thread: this send runs only because the blocked one was interrupted off it.
        http.send(HttpRequest.newBuilder(uri("/hello?again")).build(), HttpResponse.BodyHandlers.ofString())
          .body() shouldBe "hello again"
      }
    } finally {
      release.countDown()
      server.stop(0)
      handlers.shutdownNow()
    }
  }

  test("a FileChannel reads and writes through the public FileChannel") {
    val dir = Files.createTempDirectory("thimble-real")
    val channel = FileChannel.open(dir.resolve("data"), StandardOpenOption.CREATE, StandardOpenOption.READ,
      StandardOpenOption.WRITE)
    channel.javaClass.name shouldStartWith "sun.nio."
    runBlocking {
      val file = Thimble.of(channel, pool).suspending<SuspendingFileChannel>()
      file.write(ByteBuffer.wrap("hello".toByteArray())) shouldBe 5
      file.size() shouldBe 5L
      val read = ByteBuffer.allocate(3)
      file.read(read, 2) shouldBe 3
      String(read.array()) shouldBe "llo"
      file.close()
    }
    channel.isOpen shouldBe false
    Files.delete(dir.resolve("data"))
    Files.delete(dir)
  }

  test("JDBC through H2: a DataSource, and an update blocked on a row lock cancelled with its coroutine") {
    val dataSource = JdbcDataSource()
    dataSource.setURL("jdbc:h2:mem:kreal${DATABASES.incrementAndGet()};LOCK_TIMEOUT=600000")
    dataSource.connection.use { setup ->
      setup.createStatement().use {
        it.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100))")
        it.execute("INSERT INTO users VALUES (1, 'ada')")
      }
      runBlocking {
        val started = Started()
        val connection = Thimble.of(dataSource as DataSource, pool).suspending<SuspendingDataSource>().getConnection()
        connection.use { other ->
          other.createStatement().use { plain: Statement ->
            val statement = Thimble.builder(plain).pool(pool).listener(started).build()
              .suspending<SuspendingStatement>()
            statement.executeQuery("SELECT name FROM users").use { rows ->
              rows.next() shouldBe true
              rows.getString(1) shouldBe "ada"
            }

            setup.autoCommit = false
            setup.createStatement().use { it.executeUpdate("UPDATE users SET name = 'locked' WHERE id = 1") }
            val blocked = launch(start = CoroutineStart.UNDISPATCHED) {
              statement.executeUpdate("UPDATE users SET name = 'bob' WHERE id = 1")
            }
            started.await()
            blocked.cancelAndJoin()
            // One pool thread: this query runs only because the blocked update was interrupted off it.
            statement.executeQuery("SELECT COUNT(*) FROM users").use { rows ->
              rows.next() shouldBe true
              rows.getInt(1) shouldBe 1
            }
            setup.rollback()
          }
        }
      }
    }
  }

  test("a Kotlin repository bound in its superclass, and one bound in an interface, match faces of their types") {
    runBlocking {
      val users = Thimble.of(KUserRepository(), pool).suspending<SuspendingUsers>()
      users.store(KUser(1, "ada"))
      users.byId(1)?.name shouldBe "ada"
      users.byId(2) shouldBe null
      users.all().map { it.name } shouldBe listOf("ada")

      val names = Thimble.of(NameStore(), pool).suspending<SuspendingNames>()
      names.save("a", KUser(1, "ada"))
      names.load("a")?.name shouldBe "ada"
    }
    shouldThrow<IllegalArgumentException> { Thimble.of(KUserRepository(), pool).suspending<UsersAsInts>() }
      .message shouldBe "MemoryRepository.all() returns List<KUser>, which does not fit the result type " +
      "List<Int>; declare it as List<KUser> (or a supertype)\n    for method UsersAsInts.all"
  }
})
