package be.vdab.okot.runner.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A synthetic population: every person with the candidacies, contracts, ends and outflow
 * measurements the demo registers through the public APIs, and the cost entries of the contracts
 * ({@link SpendingPlanner}). Only data, built by {@link PopulationPlanner} and driven by {@link DemoDriver}.
 */
public record DemoPlan(long seed, int fromYear, int toYear, List<Person> persons, List<Cost> costs) {

    public record Person(int index, String insz, String firstName, String lastName, LocalDate birthDate, String gender,
                         boolean registeredAsJobSeeker, List<Candidacy> candidacies) {
    }

    /** {@code ocmwId} and {@code agreedOn} only for an OCMW referral; no contracts when rejected. */
    public record Candidacy(String courseCode, String province, String referral, String ocmwId, LocalDate submittedOn,
                            LocalDate agreedOn, LocalDate screenedOn, boolean approved, List<Contract> contracts) {
    }

    /**
     * A training-year contract: its ends in the order they are registered (a later one corrects
     * the earlier, as after a second exam session), whether it was registered by mistake, and the
     * outflow measurement of the cluster it closes.
     */
    public record Contract(String trainingCode, String province, String school, LocalDate startDate,
                           LocalDate plannedEndDate, List<End> ends, boolean cancelled, Measurement measurement) {
    }

    /** {@code stopReason} only with result STOPPED. */
    public record End(LocalDate endDate, String result, String stopReason) {
    }

    public record Measurement(LocalDate measuredOn, boolean atWork) {
    }

    /**
     * A cost entry of one contract ({@code POST /contracts/{id}/costs}), the contract named by its place in the plan.
     *
     * @param amount   euro, two decimals; negative for a correction
     * @param corrects for a correction: the index in {@link #costs()} of the entry it corrects (same contract and
     *                 kind, planned before it), else null
     */
    public record Cost(int person, int candidacy, int contract, String kind, BigDecimal amount, LocalDate bookedOn,
                       Integer corrects) {
    }

    public int candidacyCount() {
        return persons.stream().mapToInt(person -> person.candidacies().size()).sum();
    }

    public int contractCount() {
        return persons.stream().flatMap(person -> person.candidacies().stream())
                .mapToInt(candidacy -> candidacy.contracts().size()).sum();
    }
}
