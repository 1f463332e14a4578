package be.vdab.okot.events.enrolment;

import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.Province;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** A course is offered in a province in a year ({@code okot.offer.published}); keyed by course code. */
public record OfferPublished(
        int year,
        @NotBlank String courseCode,
        @NotNull Province province,
        List<String> schools) implements OkotEvent {

    @Override
    public String subject() {
        return courseCode;
    }
}
