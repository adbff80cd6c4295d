package dev.thimble.realtargets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.ThimbleFace;
import dev.thimble.ThimblePool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDBC through H2's {@code DataSource} and {@code Connection}, and generic repositories over it, bound in a
 * superclass and in an interface.
 */
class JdbcTargetsTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final ThimblePool pool = ThimblePool.builder("real-jdbc").threads(0, 1).build();
  private JdbcDataSource dataSource;
  private Connection setup;

  @BeforeEach
  void createDatabase() throws SQLException {
    dataSource = new JdbcDataSource();
    // A lock waits for as long as the test needs: the cancelled update must be blocked, not timed out.
    dataSource.setURL("jdbc:h2:mem:real" + DATABASES.incrementAndGet() + ";LOCK_TIMEOUT=600000");
    setup = dataSource.getConnection(); // keeps the in-memory database alive for the test
    try (Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100))");
      s.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, text VARCHAR(100))");
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    pool.stopNow();
    setup.close();
  }

  @ThimbleFace(target = DataSource.class)
  public interface AsyncDataSource {
    CompletableFuture<Connection> getConnection();
  }

  @ThimbleFace(target = Connection.class)
  public interface AsyncConnection {
    CompletableFuture<Statement> createStatement();

    CompletableFuture<PreparedStatement> prepareStatement(String sql);

    CompletableFuture<Void> close();
  }

  @ThimbleFace(target = Statement.class)
  public interface AsyncStatement {
    CompletableFuture<Integer> executeUpdate(String sql);

    CompletableFuture<ResultSet> executeQuery(String sql);

    CompletableFuture<Void> close();
  }

  @Test
  void aDataSourceConnectionAndStatementRunOnThePool() throws Exception {
    Connection connection = Thimble.of((DataSource) dataSource, pool).proxy(AsyncDataSource.class).getConnection()
        .get(30, TimeUnit.SECONDS);
    AsyncConnection asyncConnection = Thimble.of(connection, pool).proxy(AsyncConnection.class);
    AsyncStatement statement = Thimble.of(asyncConnection.createStatement().get(30, TimeUnit.SECONDS), pool)
        .proxy(AsyncStatement.class);

    assertEquals(1, statement.executeUpdate("INSERT INTO users VALUES (1, 'ada')").get(30, TimeUnit.SECONDS));
    try (ResultSet rows = statement.executeQuery("SELECT name FROM users").get(30, TimeUnit.SECONDS)) {
      assertTrue(rows.next());
      assertEquals("ada", rows.getString(1));
    }
    statement.close().get(30, TimeUnit.SECONDS);
    asyncConnection.close().get(30, TimeUnit.SECONDS);
    assertTrue(connection.isClosed());
  }

  @Test
  void cancellingAnUpdateBlockedOnARowLockInterruptsItAndFreesTheThread() throws Exception {
    try (Statement s = setup.createStatement()) {
      s.execute("INSERT INTO users VALUES (1, 'ada')");
    }
    setup.setAutoCommit(false);
    try (Statement lock = setup.createStatement()) {
      lock.executeUpdate("UPDATE users SET name = 'locked' WHERE id = 1"); // holds the row until rollback
      Started started = new Started();
      try (Connection other = dataSource.getConnection(); Statement plain = other.createStatement()) {
        AsyncStatement statement = Thimble.builder(plain).pool(pool).listener(started).build()
            .proxy(AsyncStatement.class);

        CompletableFuture<Integer> blocked = statement.executeUpdate("UPDATE users SET name = 'bob' WHERE id = 1");
        started.await();
        assertTrue(blocked.cancel(true));

        // One pool thread: this query runs only because the blocked update was interrupted off it.
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notes").get(30, TimeUnit.SECONDS)) {
          assertTrue(rows.next());
          assertEquals(0, rows.getInt(1));
        }
        assertThrows(CancellationException.class, blocked::join);
      }
    } finally {
      setup.rollback();
      setup.setAutoCommit(true);
    }
  }

  public static final class User {
    public final long id;
    public final String name;

    public User(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  /** A base repository in the usual style: generic in its row type, bound by each subclass. */
  public abstract static class JdbcRepository<T> {
    private final DataSource dataSource;

    JdbcRepository(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    protected abstract String table();

    protected abstract T row(ResultSet rs) throws SQLException;

    protected abstract void bind(PreparedStatement insert, T item) throws SQLException;

    public T byId(long id) throws SQLException {
      try (Connection c = dataSource.getConnection();
          PreparedStatement select = c.prepareStatement("SELECT * FROM " + table() + " WHERE id = ?")) {
        select.setLong(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? row(rs) : null;
        }
      }
    }

    public void store(T item) throws SQLException {
      try (Connection c = dataSource.getConnection();
          PreparedStatement insert = c.prepareStatement("INSERT INTO " + table() + " VALUES (?, ?)")) {
        bind(insert, item);
        insert.executeUpdate();
      }
    }

    public List<T> all() throws SQLException {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table() + " ORDER BY id")) {
        List<T> all = new ArrayList<>();
        while (rs.next()) {
          all.add(row(rs));
        }
        return all;
      }
    }
  }

  public static final class UserRepository extends JdbcRepository<User> {
    UserRepository(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    protected String table() {
      return "users";
    }

    @Override
    protected User row(ResultSet rs) throws SQLException {
      return new User(rs.getLong(1), rs.getString(2));
    }

    @Override
    protected void bind(PreparedStatement insert, User item) throws SQLException {
      insert.setLong(1, item.id);
      insert.setString(2, item.name);
    }
  }

  @ThimbleFace(target = UserRepository.class)
  // README:begin generic-repository-face
  public interface AsyncUsers { // over UserRepository extends JdbcRepository<User>
    CompletableFuture<User> byId(long id); // T byId(long): T is User

    CompletableFuture<Void> store(User user); // void store(T item)

    CompletableFuture<List<User>> all(); // List<T> all()
  }

  public interface UsersAsIntegers {
    CompletableFuture<List<Integer>> all(); // fails in proxy(...): List<User> is no List<Integer>
  }
  // README:end generic-repository-face

  @Test
  void aRepositoryBoundInItsSuperclassMatchesAFaceOfItsRowType() throws Exception {
    Thimble<UserRepository> thimble = Thimble.of(new UserRepository(dataSource), pool);
    AsyncUsers users = thimble.proxy(AsyncUsers.class);

    users.store(new User(1, "ada")).get(30, TimeUnit.SECONDS);
    users.store(new User(2, "bob")).get(30, TimeUnit.SECONDS);
    assertEquals("bob", users.byId(2).get(30, TimeUnit.SECONDS).name);
    assertEquals(2, users.all().get(30, TimeUnit.SECONDS).size());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> thimble.proxy(UsersAsIntegers.class));
    assertEquals("JdbcRepository.all() returns List<User>, which does not fit CompletableFuture's value type "
        + "List<Integer>; declare it as List<User> (or a supertype)\n    for method UsersAsIntegers.all",
        e.getMessage());
  }

  public static final class Note {
    public final long id;
    public final String text;

    public Note(long id, String text) {
      this.id = id;
      this.text = text;
    }
  }

  /** A repository interface generic in its row and key types. */
  public interface Repository<T, K> {
    Optional<T> find(K id) throws SQLException;

    void save(T item) throws SQLException;
  }

  public static final class NoteRepository implements Repository<Note, Long> {
    private final DataSource dataSource;

    NoteRepository(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Optional<Note> find(Long id) throws SQLException {
      try (Connection c = dataSource.getConnection();
          PreparedStatement select = c.prepareStatement("SELECT text FROM notes WHERE id = ?")) {
        select.setLong(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(new Note(id, rs.getString(1))) : Optional.empty();
        }
      }
    }

    @Override
    public void save(Note item) throws SQLException {
      try (Connection c = dataSource.getConnection();
          PreparedStatement insert = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
        insert.setLong(1, item.id);
        insert.setString(2, item.text);
        insert.executeUpdate();
      }
    }
  }

  @ThimbleFace(target = NoteRepository.class)
  public interface AsyncNotes {
    CompletableFuture<Optional<Note>> find(Long id);

    CompletableFuture<Void> save(Note note);
  }

  @Test
  void aRepositoryBoundInAnInterfaceMatchesAFaceOfItsTypes() throws Exception {
    AsyncNotes notes = Thimble.of(new NoteRepository(dataSource), pool).proxy(AsyncNotes.class);

    notes.save(new Note(7, "milk")).get(30, TimeUnit.SECONDS);
    assertEquals("milk", notes.find(7L).get(30, TimeUnit.SECONDS).get().text);
    assertEquals(Optional.empty(), notes.find(8L).get(30, TimeUnit.SECONDS));
  }
}
