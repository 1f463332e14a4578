package be.vdab.okot.stats.persistence;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * stats-service keeps its facts in one of two stores, two schemas of its database with the same tables:
 * the default schema of the connection and {@value #ALTERNATE}. One is <b>active</b>: every transaction
 * reads and writes it. A rebuild fills the other from the event log ({@link #writingTo} binds its thread to
 * it), then makes it the active one ({@link #activate}), so the answers never go without a store. The
 * previous store stays as it was until the next rebuild starts afresh in it.
 *
 * <p>The schema is chosen when a connection leaves the pool (an Agroal pool interceptor), and only set when
 * the connection is on another one, so the usual transaction costs nothing. Which store is active is kept
 * in {@value #REGISTRY_SCHEMA}.{@value #REGISTRY_TABLE}, a schema no rebuild empties; without it, the
 * default schema is active. Flyway's migration at start migrates the active store; a rebuild migrates the
 * one it fills.
 */
@ApplicationScoped
public class FactStores implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(FactStores.class);
    static final String ALTERNATE = "stats_b";
    static final String REGISTRY_SCHEMA = "stats_store";
    static final String REGISTRY_TABLE = "active_store";

    @Inject
    Instance<Flyway> flyway;

    @Inject
    Instance<TransactionSynchronizationRegistry> transactions;

    private final ThreadLocal<String> boundStore = new ThreadLocal<>();
    /** The schema each pooled connection is on, by physical connection. */
    private final Map<Connection, String> connectionSchemas = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile String defaultSchema;
    private volatile boolean upperCase;
    private volatile String active;

    @Override
    public void onConnectionAcquire(Connection connection) {
        try {
            Connection physical = connection.unwrap(Connection.class);
            String current = connectionSchemas.get(physical);
            if (current == null) {
                current = connection.getSchema();
                discover(connection, current);
            }
            String wanted = boundStore.get() != null ? boundStore.get() : active(connection);
            if (!wanted.equals(current)) {
                connection.setSchema(wanted);
                forgetIfRolledBack(physical);
            }
            connectionSchemas.put(physical, wanted);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not put a connection on the active store: " + e.getMessage(), e);
        }
    }

    /**
     * The connection is already enlisted in the transaction when it leaves the pool, so the schema is set
     * inside it, and PostgreSQL undoes a SET when its transaction rolls back: the connection is then on its
     * old schema again. Its schema is forgotten, so the next acquisition asks the connection and sets it.
     */
    private void forgetIfRolledBack(Connection physical) {
        if (transactions == null || transactions.isUnsatisfied() || transactions.get().getTransactionKey() == null) {
            return; // no transaction (or a connection read outside the container): the SET took effect for good
        }
        transactions.get().registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    connectionSchemas.remove(physical);
                }
            }
        });
    }

    /** The first connection is on the default schema: its name and the database's case of identifiers. */
    private synchronized void discover(Connection connection, String schema) throws SQLException {
        if (defaultSchema == null) {
            upperCase = connection.getMetaData().storesUpperCaseIdentifiers();
            defaultSchema = schema;
        }
    }

    private String active(Connection connection) throws SQLException {
        String known = active;
        if (known == null) {
            synchronized (this) {
                if (active == null) {
                    active = readRegistry(connection);
                }
                known = active;
            }
        }
        return known;
    }

    private String readRegistry(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet tables = metadata.getTables(null, name(REGISTRY_SCHEMA), name(REGISTRY_TABLE), null)) {
            if (!tables.next()) {
                return defaultSchema;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select schema_name from " + REGISTRY_SCHEMA + "." + REGISTRY_TABLE)) {
            return row.next() ? row.getString(1) : defaultSchema;
        }
    }

    /** A schema name as the database stores an unquoted identifier (H2 upper case, PostgreSQL lower case). */
    private String name(String unquoted) {
        return upperCase ? unquoted.toUpperCase() : unquoted.toLowerCase();
    }

    /** The schema of the store that answers now. */
    public String active() {
        if (active == null) {
            QuarkusTransaction.requiringNew().run(() -> StatsWatermark.count()); // a connection resolves it
        }
        return active;
    }

    /** The schema of the other store, the one a rebuild fills. */
    public String inactive() {
        String now = active();
        return now.equals(defaultSchema) ? name(ALTERNATE) : defaultSchema;
    }

    /** Runs the work with every transaction of this thread on the given store, whatever is active. */
    public <T> T writingTo(String schema, Callable<T> work) throws Exception {
        boundStore.set(schema);
        try {
            return work.call();
        } finally {
            boundStore.remove();
        }
    }

    /** Whether this thread works on a store other than the active one (a rebuild). */
    public boolean isRebuildThread() {
        String bound = boundStore.get();
        return bound != null && !bound.equals(active);
    }

    /** Empties the store in this schema and migrates it to the current tables (Flyway clean and migrate). */
    public void startAfresh(String schema) {
        if (schema.equals(active())) {
            throw new IllegalStateException("The active store " + schema + " cannot be emptied");
        }
        String bound = boundStore.get();
        boundStore.remove(); // the schema may not exist yet: create it from a connection on the active store
        try {
            execute("create schema if not exists " + schema);
        } finally {
            boundStore.set(bound);
        }
        Flyway configured = flyway.get();
        Flyway fresh = Flyway.configure(configured.getConfiguration().getClassLoader())
                .configuration(configured.getConfiguration())
                .schemas(schema).defaultSchema(schema).createSchemas(true).cleanDisabled(false)
                .load();
        fresh.clean();
        fresh.migrate();
        LOG.infof("Store %s emptied and migrated", schema);
    }

    /** Makes the store in this schema the active one, from the next transaction on, across restarts too. */
    public void activate(String schema) {
        execute("create schema if not exists " + REGISTRY_SCHEMA,
                "create table if not exists " + REGISTRY_SCHEMA + "." + REGISTRY_TABLE
                        + " (id integer primary key, schema_name varchar(63) not null)",
                "delete from " + REGISTRY_SCHEMA + "." + REGISTRY_TABLE,
                "insert into " + REGISTRY_SCHEMA + "." + REGISTRY_TABLE + " (id, schema_name) values (1, '" + schema + "')");
        active = schema;
        LOG.infof("Store %s is now the active store", schema);
    }

    /** Statements of our own (schema names are ours, never input) in one transaction. */
    private static void execute(String... statements) {
        QuarkusTransaction.requiringNew().run(() -> StatsWatermark.getEntityManager().unwrap(org.hibernate.Session.class)
                .doWork(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : statements) {
                            statement.execute(sql);
                        }
                    }
                }));
    }
}
