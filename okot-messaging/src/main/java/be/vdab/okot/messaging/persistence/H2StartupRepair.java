package be.vdab.okot.messaging.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * At every start on an embedded H2 file, before the consumers, the outbox relay and the HTTP server take work:
 * finishes the commits a {@code kill -9} left half-done ({@link H2UnfinishedCommits}; README, "An H2 file damaged by
 * kill -9"), so a row that a crash left carrying a dead transaction's id does not answer 90143 or wait for a lock no
 * one holds. Rows it finished are logged as a WARN, per table and index; a failed check is logged as an ERROR with
 * what to do ({@code ./okot repair}) and the start goes on. Costs one read of every table and index (measured in
 * the README); {@code okot.db.h2.finish-commits-at-start=false} skips it. Nothing to do on PostgreSQL.
 */
@ApplicationScoped
public class H2StartupRepair {

    private static final Logger LOG = Logger.getLogger(H2StartupRepair.class);

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "okot.db.h2.finish-commits-at-start", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "okot.service.name", defaultValue = "the service")
    String service;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!enabled || !"h2".equals(dbKind)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            H2UnfinishedCommits.Result result = H2UnfinishedCommits.finish(connection);
            if (result.total() > 0) {
                LOG.warnf("The H2 file held %d rows of commits that a kill interrupted and H2's recovery left "
                                + "unfinished (%s); finished them as their commits intended, in %d ms. If the data look "
                                + "wrong, stop %s and run ./okot repair %s", result.total(), result.rows(),
                        result.millis(), service, service);
            } else {
                LOG.infof("H2 file checked for unfinished commits: none among %d entries (%d ms)", result.entries(),
                        result.millis());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not check the H2 file for commits a kill left unfinished. A damaged file answers 500 "
                    + "(H2 90143 'not found in primary index', 90030 'file corrupted'): stop %s and run "
                    + "./okot repair %s (README, 'An H2 file damaged by kill -9')", service, service);
        }
    }
}
