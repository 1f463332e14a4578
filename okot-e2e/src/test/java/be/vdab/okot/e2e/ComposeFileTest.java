package be.vdab.okot.e2e;

import be.vdab.okot.events.Topics;
import be.vdab.okot.runner.Platform.Service;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: it must agree
 * with what the services are configured with — ports, health paths, topics, databases, and
 * environment variables that really name a configuration key of the service.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("okot.home", "..")).toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private final Map<String, Object> compose = load();

    @Test
    void runsKafkaInKraftModeAndPostgresqlBothWithHealthChecks() {
        Map<String, Object> kafka = service("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(env(kafka).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka).containsKey("healthcheck");
        Map<String, Object> postgres = service("postgres");
        assertThat((String) postgres.get("image")).startsWith("postgres:15");
        assertThat(postgres).containsKey("healthcheck");
    }

    @Test
    void eachServiceListensOnItsConfiguredPortAndIsCheckedOnItsReadinessPath() throws IOException {
        for (Service service : Service.values()) {
            Map<String, Object> definition = service(service.moduleName);
            String port = applicationProperties(service).getProperty("quarkus.http.port");
            assertThat(port).as(service.moduleName + " port in api.md").isEqualTo(Integer.toString(service.defaultPort));
            assertThat((List<String>) definition.get("ports")).as(service.moduleName).containsExactly(port + ":" + port);
            assertThat(env(definition).get("QUARKUS_HTTP_PORT")).isEqualTo(port);
            String healthcheck = String.join(" ", (List<String>) ((Map<String, Object>) definition.get("healthcheck")).get("test"));
            assertThat(healthcheck).contains("http://localhost:" + port + "/q/health/ready");
            assertThat(Files.readString(dockerfile(service, definition))).contains("EXPOSE " + port);
        }
    }

    @Test
    void eachServiceVerifiesTokensWithTheDeploymentsPublicKey() {
        Map<String, Object> secrets = (Map<String, Object>) compose.get("secrets");
        assertThat(secrets).containsKey("okot-jwt-public-key");
        for (Service service : Service.values()) {
            Map<String, Object> definition = service(service.moduleName);
            assertThat((List<String>) definition.get("secrets")).contains("okot-jwt-public-key");
            assertThat(env(definition).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isEqualTo("/run/secrets/okot-jwt-public-key");
        }
    }

    @Test
    void eachServiceWaitsForHealthyKafkaAndPostgresql() {
        for (Service service : Service.values()) {
            Map<String, Map<String, String>> dependsOn =
                    (Map<String, Map<String, String>>) service(service.moduleName).get("depends_on");
            assertThat(dependsOn).as(service.moduleName).containsKeys("kafka", "postgres");
            dependsOn.values().forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    void everyEnvironmentVariableNamesAConfigurationKeyTheServiceHas() throws IOException {
        for (Service service : Service.values()) {
            List<String> keys = new ArrayList<>(applicationProperties(service).stringPropertyNames());
            keys.addAll(sharedDefaults("okot-messaging").stringPropertyNames());
            keys.addAll(sharedDefaults("okot-web").stringPropertyNames());
            for (String variable : env(service(service.moduleName)).keySet()) {
                assertThat(keys.stream().anyMatch(key -> asEnvironmentVariable(key).equals(variable)))
                        .as(service.moduleName + ": " + variable + " must map to a configuration key of the service")
                        .isTrue();
            }
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseCreatedByTheInitScriptAndReachesKafkaInside() throws IOException {
        String initScript = Files.readString(ROOT.resolve("deploy/postgres/init-databases.sql"));
        Map<String, String> kafkaEnv = env(service("kafka"));
        Matcher internal = Pattern.compile("INTERNAL://([^,]+)").matcher(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(internal.find()).isTrue();
        List<String> databases = new ArrayList<>();
        for (Service service : Service.values()) {
            Map<String, String> environment = env(service(service.moduleName));
            String database = applicationProperties(service).getProperty("okot.db.name");
            assertThat(environment.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(initScript).contains("CREATE DATABASE " + database + " ");
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internal.group(1));
            databases.add(database);
        }
        assertThat(databases).doesNotHaveDuplicates();
    }

    @Test
    void theServicesPublishAndConsumeOnlyTheTopicsOfTheEventContract() throws IOException {
        for (Service service : Service.values()) {
            Properties properties = applicationProperties(service);
            String consumed = properties.getProperty("mp.messaging.incoming.okot-events-in.topics");
            assertThat(Arrays.stream(consumed.split(",")).map(String::trim)).as(service.moduleName).allMatch(Topics.ALL::contains);
            String published = properties.getProperty("okot.outbox.topic");
            if (published != null) {
                assertThat(Topics.ALL).as(service.moduleName).contains(published);
                assertThat(properties.getProperty("mp.messaging.outgoing.okot-events-out.topic")).isEqualTo(published);
            }
        }
    }

    /** How Quarkus (SmallRye Config) maps a property to an environment variable. */
    private static String asEnvironmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).as("services of docker-compose.yml").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    private static Map<String, String> env(Map<String, Object> service) {
        Map<String, Object> raw = (Map<String, Object>) service.get("environment");
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        raw.forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    private static Path dockerfile(Service service, Map<String, Object> definition) {
        Map<String, String> build = (Map<String, String>) definition.get("build");
        Path context = ROOT.resolve(build.get("context")).normalize();
        assertThat(context).isEqualTo(ROOT.resolve(service.moduleName));
        Path dockerfile = context.resolve(build.get("dockerfile"));
        assertThat(dockerfile).exists();
        return dockerfile;
    }

    private static Properties applicationProperties(Service service) throws IOException {
        return properties(ROOT.resolve(service.moduleName).resolve("src/main/resources/application.properties"));
    }

    private static Properties sharedDefaults(String module) throws IOException {
        return properties(ROOT.resolve(module).resolve("src/main/resources/META-INF/microprofile-config.properties"));
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, Object> load() {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new AssertionError("docker-compose.yml cannot be read", e);
        }
    }
}
