package be.vdab.okot.messaging.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * At the start on an embedded H2 file, before the consumers, the outbox relay and the HTTP server take work:
 * finishes the commits a {@code kill -9} left half-done ({@link H2UnfinishedCommits}; README, "An H2 file damaged by
 * kill -9"), so no row answers H2 error 90143 or waits for a lock no one will release. It runs when the previous run
 * did not stop cleanly: a marker {@code <database>.running} beside the file is written at the start and deleted at a
 * clean stop; {@code okot.db.h2.finish-commits-at-start} is {@code unclean} (the default), {@code always} or
 * {@code never}. Entries it finished are logged as a WARN per table and index; a failed check is logged as an ERROR
 * with what to do ({@code ./okot repair}), and the start goes on. It reads every table and index once (README: about
 * 1–3 s per 270,000 entries on the 2-core machine). Nothing to do on PostgreSQL or an in-memory H2.
 */
@ApplicationScoped
public class H2StartupRepair {

    private static final Logger LOG = Logger.getLogger(H2StartupRepair.class);
    static final String MARKER_SUFFIX = ".running";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "okot.db.h2.finish-commits-at-start", defaultValue = "unclean")
    String mode;

    @ConfigProperty(name = "okot.service.name", defaultValue = "the service")
    String service;

    private Path marker;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!"h2".equals(dbKind) || "never".equals(mode)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Path database = H2UnfinishedCommits.databasePath(connection);
            if (database == null) {
                return;
            }
            marker = database.resolveSibling(database.getFileName() + MARKER_SUFFIX);
            boolean unclean = Files.exists(marker);
            if (unclean || "always".equals(mode)) {
                check(connection, unclean);
            }
            Files.writeString(marker, "written at the start, deleted at a clean stop\n");
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.errorf(e, "Could not check the H2 file for commits a kill left unfinished. A damaged file answers 500 "
                    + "(H2 90143 'not found in primary index', 90030 'file corrupted'): stop %s and run "
                    + "./okot repair %s (README, 'An H2 file damaged by kill -9')", service, service);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (marker != null) {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s: the next start checks the H2 file again", marker);
            }
        }
    }

    private void check(Connection connection, boolean unclean) throws SQLException {
        H2UnfinishedCommits.Result result = H2UnfinishedCommits.finish(connection);
        if (result.total() > 0) {
            LOG.warnf("The H2 file held %d entries of commits that a kill interrupted and H2's recovery left "
                            + "unfinished (%s): finished them (table rows as their transaction wrote them, index entries "
                            + "as the table), in %d ms. If data look wrong, stop %s and run ./okot repair %s",
                    result.total(), result.rows(), result.millis(), service, service);
        } else {
            LOG.infof("H2 file checked for unfinished commits%s: none among %d entries (%d ms)",
                    unclean ? " (the last run did not stop cleanly)" : "", result.entries(), result.millis());
        }
    }
}
