package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import be.vdab.okot.runner.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner starts each service so that the JVM maps the AppCDS archive the Quarkus build wrote beside the jar
 * ({@code quarkus.package.jar.appcds.enabled}): the archive records the class path relative to the quarkus-app
 * directory, and a JVM launched elsewhere silently falls back to the JDK's own archive (16,000 application classes
 * loaded from the jars instead of 5,000 of them mapped from the archive). The check runs the service's own launch
 * command and directory with {@code -Xshare:on} (which refuses to start when the archive cannot be mapped) and
 * {@code -version} instead of the service; the same arguments from another directory must be refused, or the
 * check proves nothing.
 */
class ClassDataSharingTest {

    private static final Path ROOT = Path.of(System.getProperty("okot.home", "..")).toAbsolutePath().normalize();

    @Test
    void everyServiceIsLaunchedSoThatItsClassDataArchiveIsMapped() throws Exception {
        for (Service service : Service.values()) {
            ServiceProcess process = new ServiceProcess(service.moduleName,
                    ROOT.resolve(service.moduleName).resolve("target/quarkus-app/quarkus-run.jar"), service.defaultPort,
                    Map.of(), ROOT.resolve("target").resolve(service.moduleName + ".log"));
            assertThat(process.workingDirectory().resolve("app-cds.jsa")).as("built by mvn package").exists();
            List<String> check = archiveCheck(process.command());

            assertThat(exitCode(check, process.workingDirectory())).as(service.moduleName + ": " + check).isZero();
            assertThat(exitCode(check, Files.createTempDirectory("elsewhere")))
                    .as(service.moduleName + " launched outside quarkus-app must not map the archive").isNotZero();
        }
    }

    /** The launch command with {@code -jar X} replaced by {@code -Xshare:on -cp X -version}. */
    private static List<String> archiveCheck(List<String> command) {
        int jar = command.indexOf("-jar");
        assertThat(jar).as("launched with -jar: " + command).isPositive();
        assertThat(command).anyMatch(argument -> argument.startsWith("-XX:SharedArchiveFile="));
        List<String> check = new ArrayList<>(command.subList(0, jar));
        check.addAll(List.of("-Xshare:on", "-cp", command.get(jar + 1), "-version"));
        return check;
    }

    private static int exitCode(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("java -version ended").isTrue();
        return process.exitValue();
    }
}
