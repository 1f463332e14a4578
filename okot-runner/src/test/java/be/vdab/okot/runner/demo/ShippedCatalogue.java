package be.vdab.okot.runner.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The catalogue and 2020 offers enrolment-service ships, read from its sources (tests without a platform). */
public final class ShippedCatalogue {

    private ShippedCatalogue() {
    }

    public static Catalogue load() throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Path dir = Path.of(System.getProperty("okot.home", "..")).resolve("enrolment-service/src/main/resources/catalogue");
        JsonNode courses = json.readTree(dir.resolve("courses.json").toFile()).path("courses");
        JsonNode offers = json.readTree(dir.resolve("offers-2020.json").toFile()).path("offers");
        return new Catalogue(List.of(json.treeToValue(courses, Catalogue.Course[].class)),
                List.of(json.treeToValue(offers, Catalogue.Offer[].class)));
    }
}
