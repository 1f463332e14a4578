package be.vdab.okot.stats.domain;

import be.vdab.okot.events.Gender;
import be.vdab.okot.events.Province;

import java.time.LocalDate;

/**
 * One thing a figure counts (a start, a contract, a closed cluster, an offer, a candidacy), with the
 * values its breakdowns and filters look at, taken on its reference date.
 *
 * @param unit          what is counted once: a person for starts, else the contract, cluster, offer or candidacy
 * @param referenceDate the day breakdown values are taken on (start, end, cluster end, submission)
 * @param reason        drop-outs: FAILED or the stop reason
 * @param ending        outflow: POSITIVE or NON_POSITIVE
 * @param atWork        outflow: whether the person was at work 3 months later
 * @param step          funnel: the step of the candidacy; knelpunt: which of the four counts; spending: the cost kind
 * @param programme     OKOT, KNELPUNT_4A or KNELPUNT_4B
 */
public record Fact(
        String unit,
        LocalDate referenceDate,
        LocalDate birthDate,
        Gender gender,
        String type,
        Province province,
        String trainingCode,
        String trainingName,
        String courseCode,
        String sector,
        String reason,
        String ending,
        Boolean atWork,
        String referral,
        String step,
        String programme) {
}
