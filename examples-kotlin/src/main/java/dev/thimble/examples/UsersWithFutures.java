package dev.thimble.examples;

// README:begin java-database-imports
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
// README:end

/**
 * The database example in Java: a blocking JDBC {@link UserRepository} over an embedded H2 database, used through a
 * {@code CompletableFuture} face &mdash; composition, many calls at once within the connection pool, the target's
 * own exception, and cancellation of a query that waits on a lock.
 */
public final class UsersWithFutures {
  private UsersWithFutures() {}

  // README:begin java-users-async
  /** The repository's face: the same methods, returning futures. */
  public interface UsersAsync {
    CompletableFuture<User> insert(String name, String email);

    CompletableFuture<User> findById(long id);

    CompletableFuture<Integer> count();

    CompletableFuture<User> rename(long id, String newName);
  }
  // README:end

  /** Runs the example, printing each step. */
  public static void run() throws Exception {
    try (Database db = Database.inMemory("users-java", 4)) {
      UserRepository repository = new UserRepository(db.dataSource());
      // README:begin java-database
      Thimble<UserRepository> thimble = Thimble.builder(repository)
          .pool(ThimblePool.builder("db").threads(0, 8).build())
          .maxConcurrency(db.maxConnections()) // never more calls at once than JDBC connections
          .build();
      UsersAsync users = thimble.proxy(UsersAsync.class);

      String report = users.insert("Ada", "ada@example.com")
          .thenCombine(users.insert("Grace", "grace@example.com"), (ada, grace) -> grace.id())
          .thenCompose(users::findById)
          .thenCompose(grace -> users.count().thenApply(n -> "found " + grace.name() + " among " + n + " users"))
          .get(10, TimeUnit.SECONDS);
      System.out.println(report); // found Grace among 2 users

      users.insert("Ada again", "ada@example.com") // the e-mail address is taken
          .exceptionally(e -> {
            System.out.println("as intended, the taken address is refused by the driver's own " + e.getClass().getSimpleName());
            return null;
          })
          .get(10, TimeUnit.SECONDS);
      // README:end

      List<CompletableFuture<User>> inserts = new ArrayList<>();
      for (int i = 1; i <= 200; i++) {
        inserts.add(users.insert("user " + i, "user" + i + "@example.com"));
      }
      CompletableFuture.allOf(inserts.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
      System.out.println("200 inserts at once: at most " + repository.peakConnectionsInUse()
          + " connections in use (maxConcurrency " + db.maxConnections() + "); "
          + users.count().get(10, TimeUnit.SECONDS) + " users");

      cancelSlowQuery(db, repository);
      thimble.close();
    }
  }

  private static void cancelSlowQuery(Database db, UserRepository repository) throws Exception {
    // README:begin java-cancel
    ThimblePool oneThread = ThimblePool.builder("db-admin").threads(0, 1).build();
    Thimble<UserRepository> admin = Thimble.of(repository, oneThread);
    UsersAsync users = admin.proxy(UsersAsync.class);

    try (Database.RowLock lock = db.lockUser(1)) {         // another transaction holds Ada's row...
      CompletableFuture<User> rename = users.rename(lock.userId(), "Ada Lovelace"); // ...so this waits
      db.awaitBlockedQueries(1);
      rename.cancel(true); // interrupts the pool thread: H2 gives up the wait
      System.out.println("rename cancelled: " + rename.isCancelled());
      // The pool's only thread is free again: the next call runs.
      System.out.println("next call on the one-thread pool: " + users.count().get(10, TimeUnit.SECONDS) + " users");
    }
    // README:end
    System.out.println("queries still waiting on a lock: " + db.blockedQueries());
    admin.close();
  }

  /**
   * Runs the example alone.
   *
   * @param args ignored
   * @throws Exception if the example fails
   */
  public static void main(String[] args) throws Exception {
    run();
  }
}
