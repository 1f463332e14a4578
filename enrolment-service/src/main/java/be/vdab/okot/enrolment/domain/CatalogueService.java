package be.vdab.okot.enrolment.domain;

import be.vdab.okot.enrolment.api.CourseView;
import be.vdab.okot.enrolment.api.CourseView.TrainingYearView;
import be.vdab.okot.enrolment.api.OfferView;
import be.vdab.okot.enrolment.persistence.Contract;
import be.vdab.okot.enrolment.persistence.Course;
import be.vdab.okot.enrolment.persistence.Offer;
import be.vdab.okot.enrolment.persistence.TrainingYear;
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.events.enrolment.OfferPublished;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The catalogue and the offers: every change is validated, stored and published in one transaction. */
@ApplicationScoped
public class CatalogueService {

    @Inject
    Outbox outbox;

    @Inject
    Validator validator;

    @Inject
    BusinessCalendar calendar;

    public enum Change { CREATED, CHANGED, UNCHANGED }

    /**
     * Creates or changes a course; an unchanged course publishes nothing. A training year keeps its row when its code
     * stays (contracts refer to it); one left out is removed.
     *
     * @throws ApiProblemException 400 invalid definition; 409 {@code training-year-in-use} when a training year
     *         left out has contracts, {@code programme-in-use} when the programme of a course with contracts changes
     *         (its contracts and costs were counted under the old one: F1–F4 and F9 count OKOT only, F7 the modules)
     */
    @Transactional
    public Change save(CourseView definition, String actor) {
        check(definition);
        Course known = Course.findById(definition.code(), LockModeType.PESSIMISTIC_WRITE);
        if (known != null && viewOf(known).equals(normalised(definition))) {
            return Change.UNCHANGED;
        }
        if (known != null) {
            refuseChangesContractsDependOn(known, definition);
        }
        Course course = known != null ? known : new Course();
        course.code = definition.code();
        course.name = definition.name();
        course.type = definition.type().name();
        course.sector = definition.sector();
        course.programme = definition.programme().name();
        course.updatedAt = Instant.now();
        course.updatedBy = actor;
        Map<String, TrainingYear> kept = new HashMap<>();
        course.trainingYears.forEach(year -> kept.put(year.code, year));
        Set<String> wanted = definition.trainingYears().stream().map(TrainingYearView::code).collect(Collectors.toSet());
        course.trainingYears.removeIf(year -> !wanted.contains(year.code));
        for (TrainingYearView view : definition.trainingYears()) {
            TrainingYear year = kept.get(view.code());
            if (year == null) {
                year = new TrainingYear();
                year.code = view.code();
                year.course = course;
                course.trainingYears.add(year);
            }
            year.name = view.name();
            year.year = view.year();
            year.finalYear = view.finalYear();
        }
        if (known == null) {
            course.persist();
        }
        outbox.publish(new CoursePublished(course.code, course.name, course.type, course.sector, course.programme,
                course.trainingYears.stream().map(year -> new CoursePublished.TrainingYear(year.code, year.name,
                        year.year, year.finalYear)).toList()));
        return known == null ? Change.CREATED : Change.CHANGED;
    }

    public List<Course> courses(String type, String sector, String programme) {
        return Course.<Course>listAll().stream()
                .filter(course -> type == null || course.type.equals(type))
                .filter(course -> sector == null || sector.equals(course.sector))
                .filter(course -> programme == null || course.programme.equals(programme))
                .sorted(Comparator.comparing(course -> course.code))
                .toList();
    }

    public Optional<Course> course(String code) {
        return Course.findByIdOptional(code);
    }

    /** Adds an offer; a second one for the same year, course and province is a conflict. */
    @Transactional
    public Offer addOffer(OfferView view, String actor) {
        if (view == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(view).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        if (view.year() != null) {
            calendar.window().checkYear("year", view.year()).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw ApiProblemException.invalid(violations);
        }
        if (Course.findById(view.courseCode()) == null) {
            throw ApiProblemException.businessRule("unknown-course", "Unknown course",
                    List.of(new Violation("courseCode", "'" + view.courseCode() + "' is not a course of the catalogue")));
        }
        String id = Offer.idOf(view.year(), view.courseCode(), view.province());
        if (Offer.findById(id) != null) {
            throw ApiProblemException.conflict("offer-exists",
                    view.courseCode() + " is already offered in " + view.province() + " in " + view.year());
        }
        Offer offer = new Offer();
        offer.id = id;
        offer.year = view.year();
        offer.courseCode = view.courseCode();
        offer.province = view.province();
        offer.schools = String.join("\n", view.schools() == null ? List.of() : view.schools());
        offer.createdAt = Instant.now();
        offer.createdBy = actor;
        offer.persistAndFlush(); // a concurrent twin loses on the key here, as a 409, not at commit
        outbox.publish(new OfferPublished(offer.year, offer.courseCode, offer.province, offer.schoolList()));
        return offer;
    }

    public List<Offer> offers(int year) {
        return Offer.list("year = ?1 order by courseCode, province", year);
    }

    public static CourseView viewOf(Course course) {
        return new CourseView(course.code, course.name, CourseView.CourseType.valueOf(course.type), course.sector,
                CourseView.Programme.valueOf(course.programme),
                course.trainingYears.stream().sorted(Comparator.comparingInt((TrainingYear year) -> year.year)
                                .thenComparing(year -> year.code))
                        .map(year -> new TrainingYearView(year.code, year.name, year.year, year.finalYear)).toList());
    }

    private static CourseView normalised(CourseView definition) {
        return new CourseView(definition.code(), definition.name(), definition.type(), definition.sector(),
                definition.programme(), definition.trainingYears().stream()
                .sorted(Comparator.comparingInt(TrainingYearView::year).thenComparing(TrainingYearView::code)).toList());
    }

    /** Every violation at once: bean constraints, final years, duplicate or borrowed training-year codes. */
    private static void refuseChangesContractsDependOn(Course known, CourseView definition) {
        Set<String> wanted = definition.trainingYears().stream().map(TrainingYearView::code).collect(Collectors.toSet());
        List<String> leftOut = known.trainingYears.stream().map(year -> year.code).filter(code -> !wanted.contains(code))
                .toList();
        if (!leftOut.isEmpty() && Contract.count("trainingYear.code in ?1", leftOut) > 0) {
            throw ApiProblemException.conflict("training-year-in-use", "Course " + known.code + ": a training year left "
                    + "out (" + String.join(", ", leftOut) + ") has contracts; keep it in the course");
        }
        if (!known.programme.equals(definition.programme().name())
                && Contract.count("trainingYear.course.code", known.code) > 0) {
            throw ApiProblemException.conflict("programme-in-use", "Course " + known.code + " has contracts counted as "
                    + known.programme + ": its programme cannot change to " + definition.programme());
        }
    }

    private void check(CourseView definition) {
        if (definition == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(definition).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        if (definition.code() == null) {
            violations.add(new Violation("code", "must not be null"));
        }
        if (definition.trainingYears() != null && definition.trainingYears().stream().allMatch(year -> year != null)) {
            if (definition.trainingYears().stream().noneMatch(TrainingYearView::finalYear)) {
                violations.add(new Violation("trainingYears", "one training year at least must be a final year"));
            }
            Set<String> seen = new HashSet<>();
            for (TrainingYearView year : definition.trainingYears()) {
                if (year.code() == null) {
                    continue;
                }
                if (!seen.add(year.code())) {
                    violations.add(new Violation("trainingYears", "training-year code " + year.code() + " appears twice"));
                }
                TrainingYear existing = TrainingYear.findById(year.code());
                if (existing != null && !existing.course.code.equals(definition.code())) {
                    violations.add(new Violation("trainingYears", "training-year code " + year.code()
                            + " belongs to course " + existing.course.code));
                }
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw ApiProblemException.invalid(violations);
        }
    }
}
