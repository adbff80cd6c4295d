package dev.thimble.examples

// README:begin kotlin-database-imports
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.async
import dev.thimble.coroutines.call
import dev.thimble.coroutines.dispatcher
import dev.thimble.coroutines.suspending
import java.sql.SQLException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
// README:end

/**
 * The database example in Kotlin: the blocking JDBC [UserRepository] over an embedded H2 database behind a suspend
 * face, used from many coroutines at once within the connection pool; a [Flow] of rows; and cancellation of a
 * query that waits on a lock, which frees the pool's thread.
 */
object UsersWithCoroutines {
  // README:begin kotlin-users-async
  /** The repository's face: the same methods as `suspend fun`s, and its ResultSet-backed iterator as a Flow. */
  interface UserRepositoryAsync {
    suspend fun insert(name: String, email: String): User

    suspend fun findById(id: Long): User?

    suspend fun count(): Int

    suspend fun rename(id: Long, newName: String): User

    fun streamAll(): Flow<User> // rows read one at a time, on the pool; the cursor is closed when collection ends
  }
  // README:end

  /** Runs the example, printing each step. */
  @JvmStatic
  fun run(): Unit = runBlocking {
    Database.inMemory("users-kotlin", 4).use { db ->
      val repository = UserRepository(db.dataSource())
      // README:begin kotlin-database
      val thimble = Thimble.builder(repository)
        .pool(ThimblePool.builder("db").threads(0, 8).build())
        .maxConcurrency(db.maxConnections()) // never more calls at once than JDBC connections
        .build()
      val users = thimble.suspending<UserRepositoryAsync>()

      val ada = users.insert("Ada", "ada@example.com")
      coroutineScope {
        (1..100).map { i -> async { users.insert("user $i", "user$i@example.com") } }.awaitAll()
      }
      println("101 coroutines inserted ${users.count()} users; found ${users.findById(ada.id)}")

      try {
        users.insert("Ada again", "ada@example.com") // the e-mail address is taken
      } catch (e: SQLException) {
        println("as intended, the taken address is refused by the driver's own ${e::class.simpleName}")
      }

      users.streamAll().take(3).collect { println("streamed $it") } // take(3) stops the flow...
      println("cursors left open: ${repository.openCursors()}")     // ...and the cursor was closed
      // README:end
      println("at most ${repository.peakConnectionsInUse()} connections in use at once " +
        "(maxConcurrency ${db.maxConnections()})")

      val counted: Int = thimble.call { it.count() }         // a lambda, as a suspend call
      val later = thimble.async(this) { it.count() }        // a Deferred, in this scope
      val where = withContext(thimble.dispatcher) {         // any blocking code, on the pool and in the lane
        Thread.currentThread().name.substringBefore('-')
      }
      println("call: $counted, async: ${later.await()}, dispatcher ran on pool: $where")

      // README:begin kotlin-cancel
      val oneThread = Thimble.of(repository, ThimblePool.builder("db-admin").threads(0, 1).build())
      val admin = oneThread.suspending<UserRepositoryAsync>()

      db.lockUser(1).use {                                             // another transaction holds user 1's row...
        val rename = launch(start = CoroutineStart.UNDISPATCHED) { admin.rename(1, "Ada L.") } // ...so this waits
        thimble.call { db.awaitBlockedQueries(1) }                     // until H2 reports the query blocked
        rename.cancelAndJoin() // interrupts the pool thread: H2 gives up the wait
        println("rename cancelled: ${rename.isCancelled}")
        // The pool's only thread is free again: the next call runs.
        println("next call on the one-thread pool: ${admin.count()} users")
      }
      // README:end
      println("queries still waiting on a lock: ${db.blockedQueries()}")
      oneThread.close()
      thimble.close()
    }
  }
}
