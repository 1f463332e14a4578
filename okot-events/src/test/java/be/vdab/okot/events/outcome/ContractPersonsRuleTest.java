package be.vdab.okot.events.outcome;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The persons measure of F2 and F3: distinct persons among the contracts counted, beside their sum. */
class ContractPersonsRuleTest {

    @Test
    void aPersonWithSeveralContractsCountsOnce() {
        List<String> contracts = List.of("an", "an", "bart");
        assertThat(contracts).hasSize(3); // the value stays the contracts
        assertThat(ContractPersonsRule.persons(contracts)).isEqualTo(2);
    }

    @Test
    void rowsCountThePersonInEachRowAndTheTotalOnce() {
        // q74: one person's drop-outs on two training codes of one sector — each row 1, the Totaal 1 person
        List<String> kleuter1 = List.of("an");
        List<String> kleuter3 = List.of("an");
        assertThat(ContractPersonsRule.persons(kleuter1) + ContractPersonsRule.persons(kleuter3)).isEqualTo(2);
        assertThat(ContractPersonsRule.persons(List.of("an", "an"))).isEqualTo(1);
        assertThat(ContractPersonsRule.persons(List.of())).isZero();
    }
}
