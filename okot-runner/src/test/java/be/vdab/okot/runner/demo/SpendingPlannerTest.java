package be.vdab.okot.runner.demo;

import be.vdab.okot.runner.demo.DemoPlan.Contract;
import be.vdab.okot.runner.demo.DemoPlan.Cost;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's cost entries add up to the published spending (q562 answer 3) and are entries the API takes. */
class SpendingPlannerTest {

    @Test
    void theEntriesOfTheDemoAddUpToThePublishedSpendingToTheCent() throws IOException {
        DemoPlan plan = new PopulationPlanner(ShippedCatalogue.load(), 562).plan(2019, 2020);

        BigDecimal spent2020 = plan.costs().stream().filter(cost -> cost.bookedOn().getYear() == 2020)
                .map(Cost::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent2020).isEqualByComparingTo("4535522.00");
        assertThat(plan.costs()).as("no published spending for 2019: no entries").allMatch(cost -> cost.bookedOn().getYear() == 2020);
        for (int i = 0; i < plan.costs().size(); i++) {
            Cost cost = plan.costs().get(i);
            Contract contract = plan.persons().get(cost.person()).candidacies().get(cost.candidacy()).contracts()
                    .get(cost.contract());
            assertThat(contract.startDate().getYear()).isEqualTo(2020);
            assertThat(cost.bookedOn()).isAfterOrEqualTo(contract.startDate());
            assertThat(cost.amount().scale()).isLessThanOrEqualTo(2);
            if (cost.corrects() == null) {
                assertThat(cost.amount()).isPositive();
            } else {
                Cost corrected = plan.costs().get(cost.corrects());
                assertThat(cost.corrects()).as("a correction comes after the entry it corrects").isLessThan(i);
                assertThat(List.of(corrected.person(), corrected.candidacy(), corrected.contract(), corrected.kind()))
                        .isEqualTo(List.of(cost.person(), cost.candidacy(), cost.contract(), cost.kind()));
                assertThat(cost.amount().negate()).as("never more than the entry").isLessThanOrEqualTo(corrected.amount());
            }
        }
        assertThat(plan.costs()).filteredOn(cost -> cost.corrects() != null).isNotEmpty();
    }

    @Test
    void sharesOfAnAmountThatDoesNotDivideEvenlyStillAddUp() throws IOException {
        DemoPlan plan = new PopulationPlanner(ShippedCatalogue.load(), 7).plan(2020, 2020);
        List<Cost> costs = SpendingPlanner.costs(plan.persons(), 2020, 2020, Map.of(2020, new BigDecimal("1000.03")));
        assertThat(costs.stream().map(Cost::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1000.03");
        assertThat(SpendingPlanner.costs(plan.persons(), 2020, 2020, Map.of())).isEmpty();
    }
}
