package be.vdab.okot.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run follows the database each service was built for (OKOT_DB=postgresql ./okot up). */
class PlatformDatabaseTest {

    @Test
    void aPostgresqlBuildRunsOnTheServicesOwnLocalDatabase(@TempDir Path root) throws IOException {
        built(root, "stats-service", "postgresql");
        assertThat(Platform.builtDatabase(root, Platform.Service.STATS))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/okot_stats");
    }

    @Test
    void anH2BuildOrNoBuildKeepsTheH2Files(@TempDir Path root) throws IOException {
        built(root, "intake-service", "h2");
        assertThat(Platform.builtDatabase(root, Platform.Service.INTAKE)).isEmpty();
        assertThat(Platform.builtDatabase(root, Platform.Service.OUTCOME)).isEmpty();
    }

    private static void built(Path root, String module, String kind) throws IOException {
        Path classes = Files.createDirectories(root.resolve(module).resolve("target/classes"));
        Files.writeString(classes.resolve("okot-build.properties"), "db.kind=" + kind + "\n");
    }
}
