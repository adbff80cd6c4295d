package dev.thimble.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A plain blocking JDBC repository of users, as any Java code base has one: every method takes a connection from
 * the pool, runs its SQL and gives the connection back. It knows nothing of thimble.
 *
 * <p>It counts the connections it holds, so that the examples can show that thimble's {@code maxConcurrency}
 * keeps it within the connection pool.
 */
public final class UserRepository {
  private final DataSource dataSource;
  private final AtomicInteger inUse = new AtomicInteger();
  private final AtomicInteger peakInUse = new AtomicInteger();
  private final AtomicInteger openCursors = new AtomicInteger();

  /**
   * A repository over {@code dataSource}.
   *
   * @param dataSource where connections come from
   */
  public UserRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts a user.
   *
   * @param name the name
   * @param email the e-mail address, unique
   * @return the user, with its new id
   * @throws SQLException if the insert fails (a duplicate e-mail address, for one)
   */
  public User insert(String name, String email) throws SQLException {
    try (Lease lease = new Lease();
        PreparedStatement s = lease.connection.prepareStatement(
            "INSERT INTO users (name, email) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, name);
      s.setString(2, email);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return new User(keys.getLong(1), name, email);
      }
    }
  }

  /**
   * Finds a user by id.
   *
   * @param id the id
   * @return the user, or {@code null} if there is none
   * @throws SQLException if the query fails
   */
  public User findById(long id) throws SQLException {
    try (Lease lease = new Lease();
        PreparedStatement s = lease.connection.prepareStatement("SELECT id, name, email FROM users WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? user(r) : null;
      }
    }
  }

  /**
   * Counts the users.
   *
   * @return how many there are
   * @throws SQLException if the query fails
   */
  public int count() throws SQLException {
    try (Lease lease = new Lease(); Statement s = lease.connection.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM users")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Renames a user in a transaction that first locks the user's row: it waits while another transaction holds
   * that row, which makes it the examples' slow query. An interrupt ends the wait (H2 gives up the lock wait).
   *
   * @param id the user's id
   * @param newName the new name
   * @return the renamed user
   * @throws SQLException if a query fails, or the wait for the lock was interrupted
   */
  public User rename(long id, String newName) throws SQLException {
    try (Lease lease = new Lease()) {
      Connection c = lease.connection;
      c.setAutoCommit(false);
      try {
        User user;
        try (PreparedStatement lock =
            c.prepareStatement("SELECT id, name, email FROM users WHERE id = ? FOR UPDATE")) {
          lock.setLong(1, id);
          try (ResultSet r = lock.executeQuery()) {
            if (!r.next()) {
              throw new SQLException("no user " + id);
            }
            user = user(r);
          }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE users SET name = ? WHERE id = ?")) {
          update.setString(1, newName);
          update.setLong(2, id);
          update.executeUpdate();
        }
        c.commit();
        return new User(user.id(), newName, user.email());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Streams every user, ordered by id, from an open {@code ResultSet}: rows are read one at a time as the caller
   * asks. The returned iterator is {@link AutoCloseable}; closing it closes the result set and gives the connection
   * back, and reading the last row closes it too.
   *
   * @return the users
   * @throws SQLException if the query fails
   */
  public Iterator<User> streamAll() throws SQLException {
    Lease lease = new Lease();
    try {
      Statement s = lease.connection.createStatement();
      return new Cursor(lease, s, s.executeQuery("SELECT id, name, email FROM users ORDER BY id"));
    } catch (SQLException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** @return the most connections this repository held at once */
  public int peakConnectionsInUse() {
    return peakInUse.get();
  }

  /** @return cursors from {@link #streamAll()} not closed yet */
  public int openCursors() {
    return openCursors.get();
  }

  private static User user(ResultSet r) throws SQLException {
    return new User(r.getLong(1), r.getString(2), r.getString(3));
  }

  /** A connection from the pool, counted as in use until the lease is closed. */
  private final class Lease implements AutoCloseable {
    final Connection connection;

    Lease() throws SQLException {
      connection = dataSource.getConnection();
      peakInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
    }

    @Override
    public void close() throws SQLException {
      inUse.decrementAndGet();
      connection.close();
    }
  }

  /** A {@code ResultSet} read one row at a time; it closes itself after the last row. */
  private final class Cursor implements Iterator<User>, AutoCloseable {
    private final Lease lease;
    private final Statement statement;
    private final ResultSet rows;
    private User next;
    private boolean closed;

    Cursor(Lease lease, Statement statement, ResultSet rows) {
      this.lease = lease;
      this.statement = statement;
      this.rows = rows;
      openCursors.incrementAndGet();
    }

    @Override
    public boolean hasNext() {
      if (next == null && !closed) {
        try {
          if (rows.next()) {
            next = user(rows);
          } else {
            close();
          }
        } catch (SQLException e) {
          close();
          throw new IllegalStateException("reading users failed: " + e.getMessage(), e);
        }
      }
      return next != null;
    }

    @Override
    public User next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      User user = next;
      next = null;
      return user;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      openCursors.decrementAndGet();
      try {
        try {
          rows.close();
        } finally {
          try {
            statement.close();
          } finally {
            lease.close();
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("closing the cursor failed: " + e.getMessage(), e);
      }
    }
  }
}
