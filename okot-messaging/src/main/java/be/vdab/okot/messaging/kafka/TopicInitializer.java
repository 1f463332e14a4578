package be.vdab.okot.messaging.kafka;

import be.vdab.okot.events.Topics;
import be.vdab.okot.messaging.MessagingConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the platform topics (and this service's dead-letter topic) before the consumer and
 * the relay use them, so they get the configured partitions instead of broker defaults.
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    @Inject
    MessagingConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        Set<String> topics = new LinkedHashSet<>(config.topics().create().orElse(Topics.ALL));
        topics.add(Topics.deadLetter(config.service().name()));
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        // one short attempt: when the broker is away the service still starts (and is not ready)
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (AdminClient admin = AdminClient.create(adminConfig)) {
            List<NewTopic> wanted = topics.stream()
                    .map(name -> new NewTopic(name, config.topics().partitions(), config.topics().replicationFactor()))
                    .toList();
            admin.createTopics(wanted).values().forEach((name, future) -> {
                try {
                    future.get(10, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("Could not create topic %s: %s", name, e.getCause().toString());
                    }
                } catch (Exception e) {
                    LOG.warnf("Could not create topic %s: %s", name, e.toString());
                }
            });
        }
    }
}
