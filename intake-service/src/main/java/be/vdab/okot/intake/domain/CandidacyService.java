package be.vdab.okot.intake.domain;

import be.vdab.okot.messaging.persistence.TimeOrderedIds;
import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import be.vdab.okot.events.outcome.KnelpuntRule;
import be.vdab.okot.intake.api.CandidacyRequest;
import be.vdab.okot.intake.api.FormalAgreementRequest;
import be.vdab.okot.intake.api.ScreeningRequest;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.KnownCourse;
import be.vdab.okot.intake.persistence.Person;
import be.vdab.okot.intake.persistence.Screening;
import be.vdab.okot.intake.persistence.TimelineEntry;
import be.vdab.okot.intake.notification.Notifications;
import be.vdab.okot.web.calendar.BusinessCalendar;
import be.vdab.okot.web.calendar.HistoryWindow;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The intake flow: candidacy (validation, entry conditions, pseudonymisation), the OCMW's formal
 * agreement, the screening. Every change records its actor and publishes its event in one transaction.
 */
@ApplicationScoped
public class CandidacyService {

    @Inject
    Validator validator;

    @Inject
    Outbox outbox;

    @Inject
    Notifications notifications;

    @Inject
    BusinessCalendar calendar;

    Clock clock = Clock.systemUTC();

    /**
     * Registers a candidacy, and the person at the first one.
     *
     * <p>One open candidacy per person and course (api.md): the check below runs under a write lock
     * on the person's row, so concurrent submissions for one person are serialised and the check is
     * still true at commit. A unique index cannot hold this rule: an event may reopen a closed
     * candidacy (a later training year) after a new one was submitted, and a consumer must not fail.
     *
     * @throws ApiProblemException 409 {@code candidacy-exists} when the person has an open candidacy
     *         for the course; a concurrent first registration of the same INSZ loses on the unique
     *         index and becomes a 409 through {@link be.vdab.okot.web.problem.DatabaseConflicts}
     */
    @Transactional
    public Candidacy submit(CandidacyRequest request, String actor) {
        return register(request, actor, false).candidacy();
    }

    /** What {@link #submitOrConfirm} did: the candidacy, and whether this request registered it. */
    public record SubmissionOutcome(Candidacy candidacy, boolean changed) {
    }

    /**
     * The candidacy of an import that may be sent again ({@code POST /candidacies/submissions}: a class that
     * starts in September, the candidates of a job fair, a counsellor's retry after a timeout). When the person
     * already has an open candidacy for the course that is the one this request would register, it is confirmed
     * as it is: unchanged, no event, no notification, no timeline entry, the person's details untouched.
     * "The one this request would register": the same INSZ and course, province, referral (kind, OCMW, social
     * worker's name, e-mail and phone) and {@code submittedOn} (defaulting to today as in {@link #submit}), and
     * the person's recorded name, and e-mail and phone where the request gives them; its status may have moved on
     * in any way (screened, enrolled, rejected, closed): a list sent again after a screening round does not submit
     * the rejected candidacies anew (a new candidacy has another {@code submittedOn}). Anything else is {@link #submit}'s, refusals included: another
     * candidacy while one is open for the course is a 409 {@code candidacy-exists}. The request is checked first,
     * exactly as {@link #submit} checks it (a repeated item that no longer passes is refused as the single call
     * would refuse it).
     *
     * @throws ApiProblemException as {@link #submit}
     */
    @Transactional
    public SubmissionOutcome submitOrConfirm(CandidacyRequest request, String actor) {
        return register(request, actor, true);
    }

    /**
     * {@link #submit}, and with {@code confirmRepeat} {@link #submitOrConfirm}: the checks, then the person's row
     * write-locked (or inserted), then the one-open-candidacy rule.
     */
    private SubmissionOutcome register(CandidacyRequest request, String actor, boolean confirmRepeat) {
        checkInput(request);
        checkEntryConditions(request.person());
        checkCourse(request.courseCode());
        Optional<Person> known = Person.lockByInsz(request.person().insz());
        if (confirmRepeat && known.isPresent()) {
            // whatever became of it since (rejected, closed): an import sent again does not submit it anew
            Optional<Candidacy> same = Candidacy.<Candidacy>list("person = ?1 and courseCode = ?2", known.get(),
                    request.courseCode()).stream().filter(recorded -> sameCandidacy(recorded, request)).findFirst();
            if (same.isPresent()) {
                return new SubmissionOutcome(same.get(), false);
            }
        }
        Person person = findOrRegister(request.person(), known);
        boolean alreadyOpen = openCandidacies(person, request.courseCode()).findAny().isPresent();
        if (alreadyOpen) {
            throw ApiProblemException.conflict("candidacy-exists",
                    "This person already has an open candidacy for course " + request.courseCode());
        }

        Candidacy candidacy = new Candidacy();
        candidacy.id = TimeOrderedIds.next();
        candidacy.person = person;
        candidacy.courseCode = request.courseCode();
        candidacy.province = request.province();
        candidacy.referralKind = request.referral().kind();
        if (candidacy.referralKind == ReferralKind.OCMW) {
            candidacy.ocmwId = request.referral().ocmwId();
            candidacy.socialWorkerName = request.referral().socialWorker().name();
            candidacy.socialWorkerEmail = request.referral().socialWorker().email();
            candidacy.socialWorkerPhone = request.referral().socialWorker().phone();
            candidacy.status = CandidacyStatus.AWAITING_FORMAL_AGREEMENT;
        } else {
            candidacy.status = CandidacyStatus.AWAITING_SCREENING;
        }
        candidacy.submittedAt = Instant.now(clock);
        candidacy.submittedOn = request.submittedOn() != null ? request.submittedOn() : today();
        candidacy.submittedBy = actor;
        candidacy.persist();
        TimelineEntry.record(candidacy.id, "CANDIDACY_SUBMITTED", candidacy.submittedOn, actor,
                "course " + candidacy.courseCode + ", referral " + candidacy.referralKind, null);
        if (candidacy.referralKind != ReferralKind.OCMW) {
            // registered with the candidacy; an OCMW client only after the formal agreement (seed 003)
            registerAsJobSeeker(person, candidacy, candidacy.submittedOn, actor);
        }

        notifications.formalAgreementRequested(candidacy);
        outbox.publish(new CandidacySubmitted(candidacy.id, profileOf(person), candidacy.submittedOn,
                candidacy.submittedAt, candidacy.courseCode, candidacy.province, candidacy.referralKind,
                candidacy.ocmwId, candidacy.status.name()));
        return new SubmissionOutcome(candidacy, true);
    }

    /** The person's open candidacies for the course (normally one at most: api.md). */
    private static Stream<Candidacy> openCandidacies(Person person, String courseCode) {
        return Candidacy.<Candidacy>list("person = ?1 and courseCode = ?2", person, courseCode).stream()
                .filter(existing -> existing.status.isOpen());
    }

    /**
     * The candidacy and person as the request would record them: course (the caller's query), province, referral,
     * {@code submittedOn} (default today), the person's name, and e-mail and phone where given (the single call
     * keeps the recorded ones when the request gives none). Who recorded it and when do not count; nor do birth
     * date, gender and job-seeker registration, which the single call takes only at a person's first candidacy.
     */
    private boolean sameCandidacy(Candidacy recorded, CandidacyRequest request) {
        Person person = recorded.person;
        CandidacyRequest.PersonRequest requested = request.person();
        CandidacyRequest.ReferralRequest referral = request.referral();
        CandidacyRequest.SocialWorker worker = referral.socialWorker();
        LocalDate submittedOn = request.submittedOn() != null ? request.submittedOn() : today();
        return recorded.province == request.province() && recorded.referralKind == referral.kind()
                && Objects.equals(recorded.ocmwId, referral.ocmwId())
                && Objects.equals(recorded.socialWorkerName, worker != null ? worker.name() : null)
                && Objects.equals(recorded.socialWorkerEmail, worker != null ? worker.email() : null)
                && Objects.equals(recorded.socialWorkerPhone, worker != null ? worker.phone() : null)
                && recorded.submittedOn.equals(submittedOn)
                && person.firstName.equals(requested.firstName()) && person.lastName.equals(requested.lastName())
                && (requested.email() == null || requested.email().equals(person.email))
                && (requested.phone() == null || requested.phone().equals(person.phone));
    }

    /**
     * Who may agree: only a social worker of the OCMW that referred the candidacy (403 otherwise, 404 for
     * an unknown candidacy, 409 when it is no OCMW referral). Checked before anything else of the request,
     * its Idempotency-Key included.
     */
    @Transactional
    public Candidacy requireAgreementAccess(String id, Caller caller) {
        Candidacy candidacy = require(id);
        if (candidacy.referralKind != ReferralKind.OCMW) {
            throw ApiProblemException.conflict("not-an-ocmw-referral",
                    "Candidacy " + id + " was not referred by an OCMW: it needs no formal agreement");
        }
        caller.requireOcmw(candidacy.ocmwId);
        return candidacy;
    }

    /** The social worker of the referring OCMW agrees; only then may the counsellor act. */
    @Transactional
    public Candidacy agree(String id, FormalAgreementRequest request, Caller caller) {
        Candidacy candidacy = requireAgreementAccess(id, caller);
        if (candidacy.status != CandidacyStatus.AWAITING_FORMAL_AGREEMENT) {
            throw ApiProblemException.conflict("not-awaiting-agreement",
                    "Candidacy " + id + " is " + candidacy.status + ", not awaiting a formal agreement");
        }
        LocalDate agreedOn = request != null && request.agreedOn() != null ? request.agreedOn() : today();
        calendar.window().require("agreedOn", agreedOn);
        if (agreedOn.isBefore(candidacy.submittedOn)) {
            throw ApiProblemException.invalid(List.of(new Violation("agreedOn", "must not be before the candidacy ("
                    + candidacy.submittedOn + ")")));
        }
        candidacy.status = CandidacyStatus.AWAITING_SCREENING;
        candidacy.agreedOn = agreedOn;
        candidacy.agreedBy = caller.actor();
        TimelineEntry.record(candidacy.id, "FORMAL_AGREEMENT", agreedOn, caller.actor(), "by " + candidacy.ocmwId, null);
        registerAsJobSeeker(candidacy.person, candidacy, agreedOn, caller.actor());
        outbox.publish(new CandidacyAgreed(candidacy.id, candidacy.person.personId, candidacy.ocmwId, agreedOn));
        return candidacy;
    }

    /** What {@link #screenOrConfirm} did: the candidacy, and whether this request recorded its screening. */
    public record ScreeningOutcome(Candidacy candidacy, boolean changed) {
    }

    /**
     * The intake interview: approved (with probable start date and place) or rejected. A candidacy is screened
     * once: concurrent screenings of one candidacy run one after the other under a write lock on its row, and
     * the later one finds it no longer awaiting screening (409).
     *
     * @throws ApiProblemException 400 invalid, 404 unknown candidacy, 409 not awaiting screening (or the OCMW's
     *         agreement missing), 422 an approval the dimensions do not justify
     */
    @Transactional
    public Candidacy screen(String id, ScreeningRequest request, String actor) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        Candidacy candidacy = lock(id);
        checkScreening(request, candidacy);
        if (candidacy.status == CandidacyStatus.AWAITING_FORMAL_AGREEMENT) {
            throw ApiProblemException.conflict("formal-agreement-required",
                    "Candidacy " + id + " is an OCMW referral: the social worker's formal agreement comes first");
        }
        if (candidacy.status != CandidacyStatus.AWAITING_SCREENING) {
            throw ApiProblemException.conflict("not-awaiting-screening",
                    "Candidacy " + id + " is " + candidacy.status + ", not awaiting screening");
        }
        Screening screening = screeningOf(candidacy, request, actor);
        screening.persist();

        boolean approved = request.decision() == Decision.APPROVED;
        candidacy.status = approved ? CandidacyStatus.APPROVED : CandidacyStatus.REJECTED;
        TimelineEntry.record(candidacy.id, "SCREENING", screening.screenedOn, actor, approved
                ? "approved, probable start " + screening.probableStartDate + " at " + screening.probableLocation
                : "rejected", null);
        notifications.screeningResult(candidacy, screening);
        outbox.publish(new ScreeningCompleted(candidacy.id, profileOf(candidacy.person), candidacy.courseCode,
                candidacy.province, candidacy.referralKind, candidacy.ocmwId, request.decision(),
                screening.screenedOn, screening.probableStartDate, screening.probableLocation));
        return candidacy;
    }

    /**
     * The screening of an import that may be sent again ({@code POST /screenings}, a counsellor's retry after a
     * timeout): when the candidacy's recorded screening is the one this request would record (every field of
     * the request, {@code screenedOn} defaulting to today as in {@link #screen}; who recorded it and when do not
     * count), it is confirmed as it is: unchanged, no event, no notification. Anything else is {@link #screen}'s,
     * refusals included (another screening of a screened candidacy is a 409).
     */
    @Transactional
    public ScreeningOutcome screenOrConfirm(String id, ScreeningRequest request, String actor) {
        Candidacy candidacy = lock(id);
        Screening recorded = Screening.findById(id);
        if (recorded != null && request != null && sameScreening(recorded, screeningOf(candidacy, request, actor))) {
            return new ScreeningOutcome(candidacy, false);
        }
        return new ScreeningOutcome(screen(id, request, actor), true);
    }

    /** The screening the request records for the candidacy (not persisted): the one home of its defaults. */
    private Screening screeningOf(Candidacy candidacy, ScreeningRequest request, String actor) {
        Screening screening = new Screening();
        screening.candidacyId = candidacy.id;
        screening.motivation = request.motivation().name();
        screening.preconditions = PreconditionsJson.write(request.preconditions());
        screening.fitsPathToWork = request.fitsPathToWork();
        screening.learningAbility = request.learningAbility().name();
        screening.decision = request.decision();
        screening.probableStartDate = request.probableStartDate();
        screening.probableLocation = request.probableLocation();
        screening.remarks = request.remarks();
        screening.screenedOn = request.screenedOn() != null ? request.screenedOn() : today();
        screening.screenedAt = Instant.now(clock);
        screening.screenedBy = actor;
        return screening;
    }

    /** The same assessment and decision on the same day; who recorded it and when do not count. */
    private static boolean sameScreening(Screening recorded, Screening requested) {
        return recorded.motivation.equals(requested.motivation) && recorded.preconditions.equals(requested.preconditions)
                && recorded.fitsPathToWork == requested.fitsPathToWork
                && recorded.learningAbility.equals(requested.learningAbility) && recorded.decision == requested.decision
                && Objects.equals(recorded.probableStartDate, requested.probableStartDate)
                && Objects.equals(recorded.probableLocation, requested.probableLocation)
                && Objects.equals(recorded.remarks, requested.remarks) && recorded.screenedOn.equals(requested.screenedOn);
    }

    /** Candidacies by status and OCMW, newest first. */
    public List<Candidacy> list(CandidacyStatus status, String ocmwId, int page, int size) {
        return query(status, ocmwId).page(page, size).list();
    }

    public long count(CandidacyStatus status, String ocmwId) {
        return query(status, ocmwId).count();
    }

    private static io.quarkus.hibernate.orm.panache.PanacheQuery<Candidacy> query(CandidacyStatus status, String ocmwId) {
        StringBuilder where = new StringBuilder("1 = 1");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            parameters.put("status", status);
        }
        if (ocmwId != null) {
            where.append(" and ocmwId = :ocmwId");
            parameters.put("ocmwId", ocmwId);
        }
        return Candidacy.find(where + " order by submittedOn desc, submittedAt desc, id", parameters);
    }

    private Candidacy require(String id) {
        return Candidacy.<Candidacy>findByIdOptional(id).orElseThrow(() -> ApiProblemException.notFound("Candidacy", id));
    }

    /** The candidacy, write-locked until the transaction ends; 404 when unknown. */
    private static Candidacy lock(String id) {
        return Candidacy.<Candidacy>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiProblemException.notFound("Candidacy", id));
    }

    private void registerAsJobSeeker(Person person, Candidacy candidacy, LocalDate on, String actor) {
        if (!person.registeredAsJobSeeker) {
            person.registeredAsJobSeeker = true;
            TimelineEntry.record(candidacy.id, "JOB_SEEKER_REGISTERED", on, actor, null, null);
        }
    }

    /** Today's Brussels calendar day (the default date of a step). */
    private LocalDate today() {
        return calendar.today();
    }

    private static PersonProfile profileOf(Person person) {
        return new PersonProfile(person.personId, person.birthDate, person.gender);
    }

    /**
     * 422 unless the course is a course of the catalogue that enrolment-service published, of a programme this
     * platform knows: an OKOT course, or a module 4a/4b training (programme {@code KNELPUNT_4A}/{@code KNELPUNT_4B},
     * api.md "Module 4a/4b trainings", figures.md F7), which takes the same path (same fields, entry conditions,
     * OCMW referral and screening).
     *
     * @throws ApiProblemException 422 {@code unknown-course} for a code not in the catalogue, 422
     *         {@code unknown-programme} for a course of any other programme
     */
    private static void checkCourse(String courseCode) {
        KnownCourse course = KnownCourse.findById(courseCode);
        if (course == null) {
            throw ApiProblemException.businessRule("unknown-course", "Unknown course",
                    List.of(new Violation("courseCode", "'" + courseCode + "' is not a course of the catalogue")));
        }
        if (!StartRule.OKOT.equals(course.programme) && !KnelpuntRule.isModule(course.programme)) {
            throw ApiProblemException.businessRule("unknown-programme", "Course of an unknown programme",
                    List.of(new Violation("courseCode", "'" + courseCode + "' is a " + course.programme
                            + " training, neither an OKOT course nor a module 4a/4b training")));
        }
    }

    /** Every violation at once: required fields of an approval, dates, and the dimensions an approval needs. */
    private void checkScreening(ScreeningRequest request, Candidacy candidacy) {
        List<Violation> invalid = new ArrayList<>();
        LocalDate screenedOn = request.screenedOn();
        HistoryWindow window = calendar.window();
        window.check("screenedOn", screenedOn).ifPresent(invalid::add);
        window.check("probableStartDate", request.probableStartDate()).ifPresent(invalid::add);
        if (screenedOn != null && screenedOn.isBefore(candidacy.submittedOn)) {
            invalid.add(new Violation("screenedOn", "must not be before the candidacy (" + candidacy.submittedOn + ")"));
        }
        if (request.decision() == Decision.APPROVED) {
            if (request.probableStartDate() == null) {
                invalid.add(new Violation("probableStartDate", "is required when the candidacy is approved"));
            } else if (request.probableStartDate().isBefore(screenedOn != null ? screenedOn : candidacy.submittedOn)) {
                invalid.add(new Violation("probableStartDate", "must not be before the screening"));
            }
            if (request.probableLocation() == null || request.probableLocation().isBlank()) {
                invalid.add(new Violation("probableLocation", "is required when the candidacy is approved"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiProblemException.invalid(invalid);
        }
        if (request.decision() == Decision.APPROVED) {
            List<Violation> unmet = new ArrayList<>();
            if (request.motivation() == ScreeningRequest.Assessment.INSUFFICIENT) {
                unmet.add(new Violation("motivation", "an approval needs sufficient motivation"));
            }
            if (request.learningAbility() == ScreeningRequest.Assessment.INSUFFICIENT) {
                unmet.add(new Violation("learningAbility", "an approval needs sufficient learning ability"));
            }
            if (!request.fitsPathToWork()) {
                unmet.add(new Violation("fitsPathToWork", "an approval needs a course that fits the path to work"));
            }
            request.preconditions().forEach((name, assessment) -> {
                if (assessment == ScreeningRequest.PreconditionAssessment.BLOCKING) {
                    unmet.add(new Violation("preconditions." + name, "a blocking precondition rules out an approval"));
                }
            });
            if (!unmet.isEmpty()) {
                throw ApiProblemException.businessRule("approval-not-justified",
                        "The screening does not justify an approval", unmet);
            }
        }
    }

    public Optional<Candidacy> find(String id) {
        return Candidacy.findByIdOptional(id);
    }

    /** Every violation at once: bean constraints, the INSZ check and the referral's required fields. */
    private void checkInput(CandidacyRequest request) {
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        validator.validate(request).forEach(v -> violations.add(new Violation(v.getPropertyPath().toString(), v.getMessage())));
        CandidacyRequest.PersonRequest person = request.person();
        if (person != null && Insz.hasValidFormat(person.insz())) {
            if (!Insz.hasValidCheckDigits(person.insz())) {
                violations.add(new Violation("person.insz", "check digits do not match (mod 97)"));
            } else if (person.birthDate() != null && !Insz.isConsistentWith(person.insz(), person.birthDate())) {
                violations.add(new Violation("person.birthDate", "does not match the birth date in the INSZ"));
            }
        }
        if (person != null && person.birthDate() != null && person.birthDate().isBefore(today().minusYears(100))) {
            violations.add(new Violation("person.birthDate", "is more than 100 years ago"));
        }
        calendar.window().check("submittedOn", request.submittedOn()).ifPresent(violations::add);
        if (person != null && person.birthDate() != null && request.submittedOn() != null
                && request.submittedOn().isBefore(person.birthDate().plusYears(15))) {
            violations.add(new Violation("submittedOn", "the candidate would be younger than 15"));
        }
        CandidacyRequest.ReferralRequest referral = request.referral();
        if (referral != null && referral.kind() == ReferralKind.OCMW) {
            if (referral.ocmwId() == null || referral.ocmwId().isBlank()) {
                violations.add(new Violation("referral.ocmwId", "is required for an OCMW referral"));
            }
            if (referral.socialWorker() == null) {
                violations.add(new Violation("referral.socialWorker", "is required for an OCMW referral"));
            }
        } else if (referral != null) {
            // api.md: ocmwId and socialWorker belong to an OCMW referral; dropping them silently hides a wrong kind
            if (referral.ocmwId() != null) {
                violations.add(new Violation("referral.ocmwId", "is only given for an OCMW referral"));
            }
            if (referral.socialWorker() != null) {
                violations.add(new Violation("referral.socialWorker", "is only given for an OCMW referral"));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw ApiProblemException.invalid(violations);
        }
    }

    private static void checkEntryConditions(CandidacyRequest.PersonRequest person) {
        List<Violation> failed = new ArrayList<>();
        if (person.working()) {
            failed.add(new Violation("person.working", "the candidate must not be working"));
        }
        if (person.holdsTargetQualification()) {
            failed.add(new Violation("person.holdsTargetQualification",
                    "the candidate must not already hold the diploma the course leads to"));
        }
        if (person.inTemporaryWorkExperience()) {
            failed.add(new Violation("person.inTemporaryWorkExperience",
                    "the candidate must not be in a temporary work experience trajectory at the same time"));
        }
        if (!failed.isEmpty()) {
            throw ApiProblemException.businessRule("entry-conditions", "Entry conditions not met", failed);
        }
    }

    /**
     * The same INSZ always gets the same pseudonymous personId. A known person ({@code known}, locked by
     * {@link Person#lockByInsz}) takes the request's name and contact details; a new one is inserted and flushed
     * at once, so a concurrent twin registering the same INSZ fails here on the unique index (waiting for the
     * winner's commit).
     */
    private Person findOrRegister(CandidacyRequest.PersonRequest request, Optional<Person> known) {
        Person person = known.orElseGet(Person::new);
        person.firstName = request.firstName();
        person.lastName = request.lastName();
        if (request.email() != null) {
            person.email = request.email();
        }
        if (request.phone() != null) {
            person.phone = request.phone();
        }
        if (known.isEmpty()) {
            // Hibernate takes the insert's values at persist: every field is set before
            person.personId = TimeOrderedIds.next();
            person.insz = request.insz();
            person.birthDate = request.birthDate();
            person.gender = request.gender();
            person.registeredAsJobSeeker = request.registeredAsJobSeeker();
            person.createdAt = Instant.now(clock);
            person.persistAndFlush();
        }
        return person;
    }
}
