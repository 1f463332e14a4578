package be.vdab.okot.intake.domain;

import be.vdab.okot.events.PersonProfile;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.intake.api.CandidacyRequest;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Person;
import be.vdab.okot.messaging.outbox.Outbox;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers candidacies: validation, entry conditions, pseudonymisation, and the event. */
@ApplicationScoped
public class CandidacyService {

    /** Dates of the candidate's steps are Belgian calendar dates. */
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    @Inject
    Validator validator;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Candidacy submit(CandidacyRequest request, String actor) {
        checkInput(request);
        checkEntryConditions(request.person());
        Person person = findOrRegister(request.person());
        boolean alreadyOpen = Candidacy.<Candidacy>stream("person = ?1 and courseCode = ?2", person, request.courseCode())
                .anyMatch(existing -> existing.status.isOpen());
        if (alreadyOpen) {
            throw ApiProblemException.conflict("candidacy-exists",
                    "This person already has an open candidacy for course " + request.courseCode());
        }

        Candidacy candidacy = new Candidacy();
        candidacy.id = UUID.randomUUID().toString();
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
            person.registeredAsJobSeeker = true; // registered with the candidacy (OCMW clients: at agreement)
        }
        candidacy.submittedAt = Instant.now(clock);
        candidacy.submittedBy = actor;
        candidacy.persist();

        outbox.publish(new CandidacySubmitted(candidacy.id,
                new PersonProfile(person.personId, person.birthDate, person.gender),
                LocalDate.ofInstant(candidacy.submittedAt, BRUSSELS), candidacy.submittedAt,
                candidacy.courseCode, candidacy.province, candidacy.referralKind, candidacy.ocmwId,
                candidacy.status.name()));
        return candidacy;
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
        if (person != null && person.birthDate() != null && person.birthDate().isBefore(LocalDate.now(clock).minusYears(100))) {
            violations.add(new Violation("person.birthDate", "is more than 100 years ago"));
        }
        CandidacyRequest.ReferralRequest referral = request.referral();
        if (referral != null && referral.kind() == ReferralKind.OCMW) {
            if (referral.ocmwId() == null || referral.ocmwId().isBlank()) {
                violations.add(new Violation("referral.ocmwId", "is required for an OCMW referral"));
            }
            if (referral.socialWorker() == null) {
                violations.add(new Violation("referral.socialWorker", "is required for an OCMW referral"));
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

    /** The same INSZ always gets the same pseudonymous personId. */
    private Person findOrRegister(CandidacyRequest.PersonRequest request) {
        Optional<Person> known = Person.findByInsz(request.insz());
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
            person.personId = UUID.randomUUID().toString();
            person.insz = request.insz();
            person.birthDate = request.birthDate();
            person.gender = request.gender();
            person.registeredAsJobSeeker = request.registeredAsJobSeeker();
            person.createdAt = Instant.now(clock);
            person.persist();
        }
        return person;
    }
}
