package be.vdab.okot.enrolment.domain;

import be.vdab.okot.enrolment.api.CourseView;
import be.vdab.okot.enrolment.api.OfferView;
import be.vdab.okot.enrolment.persistence.Offer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the catalogue and the 2020 offers shipped in {@code catalogue/} at start-up: new or changed
 * entries are stored and published, so a restart publishes nothing and an edited file publishes the edit.
 */
@ApplicationScoped
public class ShippedCatalogue {

    private static final Logger LOG = Logger.getLogger(ShippedCatalogue.class);
    private static final String ACTOR = "shipped-catalogue";

    @Inject
    CatalogueService catalogue;

    // the files carry a "_rules" field for readers: ignored here
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record CourseFile(List<CourseView> courses) {
    }

    record OfferFile(List<OfferView> offers) {
    }

    void onStart(@Observes StartupEvent event) {
        List<CourseView> courses = read("catalogue/courses.json", CourseFile.class).courses();
        long published = QuarkusTransaction.requiringNew().call(() -> courses.stream()
                .map(course -> catalogue.save(course, ACTOR))
                .filter(change -> change != CatalogueService.Change.UNCHANGED).count());
        List<OfferView> offers = read("catalogue/offers-2020.json", OfferFile.class).offers();
        long added = QuarkusTransaction.requiringNew().call(() -> offers.stream()
                .filter(offer -> Offer.findById(Offer.idOf(offer.year(), offer.courseCode(), offer.province())) == null)
                .peek(offer -> catalogue.addOffer(offer, ACTOR)).count());
        LOG.infof("Shipped catalogue: %d courses (%d new or changed), %d offers (%d new)",
                courses.size(), published, offers.size(), added);
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the service");
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
