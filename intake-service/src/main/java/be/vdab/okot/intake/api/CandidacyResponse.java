package be.vdab.okot.intake.api;

import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.events.intake.ScreeningCompleted.Decision;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.intake.persistence.Candidacy;
import be.vdab.okot.intake.persistence.Screening;
import be.vdab.okot.intake.persistence.TimelineEntry;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A candidacy as the API shows it: never the INSZ, only the pseudonymous personId. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidacyResponse(
        String id,
        String personId,
        CandidacyStatus status,
        String courseCode,
        Province province,
        Referral referral,
        LocalDate submittedOn,
        Instant submittedAt,
        String submittedBy,
        LocalDate agreedOn,
        ScreeningView screening,
        List<TimelineView> timeline) {

    public record Referral(ReferralKind kind, String ocmwId) {
    }

    public record ScreeningView(Decision decision, LocalDate screenedOn, LocalDate probableStartDate,
                                String probableLocation) {
    }

    public record TimelineView(String step, LocalDate on, Instant recordedAt, String by, String detail,
                               String reference) {
    }

    /** A row of a list: the candidacy without its timeline. */
    public static CandidacyResponse summary(Candidacy candidacy) {
        return new CandidacyResponse(candidacy.id, candidacy.person.personId, candidacy.status, candidacy.courseCode,
                candidacy.province, new Referral(candidacy.referralKind, candidacy.ocmwId), candidacy.submittedOn,
                candidacy.submittedAt, candidacy.submittedBy, candidacy.agreedOn, null, null);
    }

    public static CandidacyResponse full(Candidacy candidacy, Screening screening, List<TimelineEntry> timeline) {
        return new CandidacyResponse(candidacy.id, candidacy.person.personId, candidacy.status, candidacy.courseCode,
                candidacy.province, new Referral(candidacy.referralKind, candidacy.ocmwId), candidacy.submittedOn,
                candidacy.submittedAt, candidacy.submittedBy, candidacy.agreedOn,
                screening == null ? null : new ScreeningView(screening.decision, screening.screenedOn,
                        screening.probableStartDate, screening.probableLocation),
                timeline.stream().map(entry -> new TimelineView(entry.step, entry.occurredOn, entry.recordedAt,
                        entry.actor, entry.detail, entry.reference)).toList());
    }
}
