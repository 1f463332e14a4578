package be.vdab.okot.intake.api;

import be.vdab.okot.events.Province;
import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.intake.domain.CandidacyStatus;
import be.vdab.okot.intake.persistence.Candidacy;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A candidacy as the API shows it: no INSZ, only the pseudonymous personId. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidacyResponse(
        String id,
        String personId,
        CandidacyStatus status,
        String courseCode,
        Province province,
        Referral referral,
        Instant submittedAt,
        List<TimelineEntry> timeline) {

    public record Referral(ReferralKind kind, String ocmwId) {
    }

    public record TimelineEntry(String step, Instant at, String by) {
    }

    static CandidacyResponse of(Candidacy candidacy) {
        return new CandidacyResponse(candidacy.id, candidacy.person.personId, candidacy.status, candidacy.courseCode,
                candidacy.province, new Referral(candidacy.referralKind, candidacy.ocmwId), candidacy.submittedAt,
                List.of(new TimelineEntry("CANDIDACY_SUBMITTED", candidacy.submittedAt, candidacy.submittedBy)));
    }
}
