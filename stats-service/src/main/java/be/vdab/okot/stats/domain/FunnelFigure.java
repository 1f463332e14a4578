package be.vdab.okot.stats.domain;

import be.vdab.okot.events.ReferralKind;
import be.vdab.okot.stats.api.FigureAnswer.Row;
import be.vdab.okot.stats.persistence.CandidacyFact;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * F8, the intake funnel: candidacies by the date of each step. This first version counts the
 * submitted candidacies, in total or by referral.
 */
@ApplicationScoped
public class FunnelFigure {

    public static final List<String> SUPPORTED_BREAKDOWNS = List.of("referral");

    public List<Row> rows(Period period, List<String> by) {
        if (by.isEmpty()) {
            return List.of(new Row(List.of("SUBMITTED"), List.of("Kandidaatstellingen"), total(period)));
        }
        if (by.size() > 1 || !SUPPORTED_BREAKDOWNS.contains(by.get(0))) {
            throw ApiProblemException.invalid(List.of(new Violation("by",
                    "the funnel can be broken down by " + String.join(", ", SUPPORTED_BREAKDOWNS))));
        }
        List<Row> rows = new ArrayList<>();
        for (ReferralKind kind : ReferralKind.values()) {
            long count = CandidacyFact.count("submittedOn between ?1 and ?2 and referralKind = ?3",
                    period.from(), period.to(), kind);
            rows.add(new Row(List.of(kind.name()), List.of(kind.name()), count));
        }
        return rows;
    }

    public long total(Period period) {
        return CandidacyFact.count("submittedOn between ?1 and ?2", period.from(), period.to());
    }
}
