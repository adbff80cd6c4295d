package dev.thimble.examples;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An embedded, in-memory H2 database with a fixed pool of JDBC connections: a real database with nothing to install.
 *
 * <p>Besides the connections, it can lock a row from a transaction of its own ({@link #lockUser(long)}), to make
 * a query wait, and it reports how many queries are waiting on a lock ({@link #blockedQueries()}), read from H2's
 * {@code INFORMATION_SCHEMA.SESSIONS}.
 */
public final class Database implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final JdbcConnectionPool connections;

  private Database(JdbcConnectionPool connections) {
    this.connections = connections;
  }

  /**
   * Opens a new in-memory database with a {@code users} table.
   *
   * @param name the database's name; a number is added to make it unique in this JVM
   * @param maxConnections the size of the connection pool
   * @return the database
   * @throws SQLException if H2 fails
   */
  public static Database inMemory(String name, int maxConnections) throws SQLException {
    // A lock wait of up to a minute, so that a blocked query is ended by cancellation, not by H2's timeout.
    JdbcConnectionPool pool =
        JdbcConnectionPool.create("jdbc:h2:mem:" + name + "-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000", "sa", "");
    pool.setMaxConnections(maxConnections);
    Database database = new Database(pool);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
          + " email VARCHAR(200) NOT NULL UNIQUE)");
    }
    return database;
  }

  /** @return the connection pool */
  public DataSource dataSource() {
    return connections;
  }

  /** @return the most connections the pool hands out at once */
  public int maxConnections() {
    return connections.getMaxConnections();
  }

  /**
   * Locks one user's row from a transaction of its own, as another application would: until the lock is closed,
   * {@code SELECT ... FOR UPDATE} of that row waits.
   *
   * @param id the user's id
   * @return the lock; closing it ends the transaction
   * @throws SQLException if H2 fails
   */
  public RowLock lockUser(long id) throws SQLException {
    Connection c = connections.getConnection();
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          ResultSet row = s.executeQuery("SELECT id FROM users WHERE id = " + id + " FOR UPDATE")) {
        if (!row.next()) {
          throw new SQLException("no user " + id);
        }
      }
      return new RowLock(c, id);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Counts the queries that are waiting for a lock right now.
   *
   * @return how many sessions H2 reports blocked
   * @throws SQLException if H2 fails
   */
  public int blockedQueries() throws SQLException {
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Waits until {@code count} queries are blocked on a lock, asking H2 every few milliseconds.
   *
   * @param count how many blocked queries to wait for
   * @throws SQLException if H2 fails
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if H2 does not report them within ten seconds
   */
  public void awaitBlockedQueries(int count) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (blockedQueries() != count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("H2 did not report " + count + " blocked queries within 10 seconds");
      }
      Thread.sleep(5);
    }
  }

  /** Drops the database and closes the connection pool. */
  @Override
  public void close() throws SQLException {
    try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } finally {
      connections.dispose();
    }
  }

  /** A row locked by a transaction of its own; {@link #close()} rolls it back and frees the row. */
  public static final class RowLock implements AutoCloseable {
    private final Connection connection;
    private final long userId;

    RowLock(Connection connection, long userId) {
      this.connection = connection;
      this.userId = userId;
    }

    /**
     * The locked row.
     *
     * @return the id of the user whose row this transaction holds
     */
    public long userId() {
      return userId;
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.rollback();
      } finally {
        connection.close();
      }
    }
  }
}
