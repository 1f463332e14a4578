package be.vdab.okot.intake.domain;

import be.vdab.okot.events.enrolment.StartRule;
import be.vdab.okot.events.outcome.ClusterRule;
import be.vdab.okot.events.outcome.CourseEnded.Result;
import be.vdab.okot.events.outcome.CourseEnded.StopReason;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The status of an approved candidacy once contracts exist, derived from the stored facts of its
 * contracts (never from the event that arrived last), so that it is the same whatever order the
 * events of enrolment-service and outcome-service were applied in:
 * <ul>
 *     <li>{@code APPROVED} when it has no contract that is not cancelled (every contract was
 *     registered by mistake: the approval stands and a contract may still start);</li>
 *     <li>{@code CLOSED} when every cluster of its not cancelled contracts is closed by the rule of F4 (of F7
 *     for a module 4a/4b candidacy, whose one training closes it on any end: {@link ClusterRule#closureOf}),
 *     applied to the current end, i.e. the highest revision, of the cluster's last
 *     contract in {@link ClusterRule#chainOrder chain order};</li>
 *     <li>{@code ENROLLED} otherwise (a contract runs, or the last end continues the cluster).</li>
 * </ul>
 */
public final class TrajectoryStatus {

    /**
     * What intake knows of one contract of the candidacy.
     *
     * @param startDate null only when neither its start nor an end was reported (not expected)
     * @param end       the current end (highest revision reported), null while the year runs
     */
    public record ContractFacts(String contractId, String clusterId, LocalDate startDate, boolean finalYear,
                                boolean cancelled, CurrentEnd end) {
    }

    /** The end of a training year with the highest revision reported so far. */
    public record CurrentEnd(int revision, LocalDate endDate, Result result, StopReason stopReason) {
    }

    private TrajectoryStatus() {
    }

    /** The status an OKOT candidacy's contracts give it: APPROVED, ENROLLED or CLOSED (see the class). */
    public static CandidacyStatus of(Collection<ContractFacts> contracts) {
        return of(StartRule.OKOT, contracts);
    }

    /**
     * The status the contracts of a candidacy for a course of this programme give it (the programme code as the
     * catalogue publishes it: {@code OKOT}, {@code KNELPUNT_4A}, {@code KNELPUNT_4B}).
     */
    public static CandidacyStatus of(String programme, Collection<ContractFacts> contracts) {
        Map<String, List<ContractFacts>> clusters = contracts.stream()
                .filter(contract -> !contract.cancelled())
                .collect(Collectors.groupingBy(ContractFacts::clusterId));
        if (clusters.isEmpty()) {
            return CandidacyStatus.APPROVED;
        }
        boolean everyClusterClosed = clusters.values().stream().allMatch(cluster -> closed(programme, cluster));
        return everyClusterClosed ? CandidacyStatus.CLOSED : CandidacyStatus.ENROLLED;
    }

    private static boolean closed(String programme, List<ContractFacts> cluster) {
        ContractFacts last = cluster.stream()
                .max(ClusterRule.chainOrder((ContractFacts contract) -> contract.startDate() != null
                        ? contract.startDate() : LocalDate.MIN, ContractFacts::contractId))
                .orElseThrow();
        CurrentEnd end = last.end();
        return end != null && ClusterRule.closureOf(programme, new ClusterRule.LastEnd(last.finalYear(), end.endDate(), end.result(),
                end.stopReason())).isPresent();
    }
}
