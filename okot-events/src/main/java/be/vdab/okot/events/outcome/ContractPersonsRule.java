package be.vdab.okot.events.outcome;

import java.util.Collection;
import java.util.HashSet;

/**
 * The {@code persons} measure of F2 diplomas and F3 drop-outs (issue 15): beside a row's value and the total, which stay
 * <b>contracts</b> and <b>sums</b> (figures.md F2, F3), the number of <b>distinct persons</b> among the contracts that
 * row or total counts. A person with two counted contracts in a row counts twice in its value and once in its persons;
 * with one contract in each of two rows, once in each row's persons and once in the total's persons — so the rows'
 * persons can add up to more than the total's.
 * <p>Why: question 74 answer 3 publishes drop-outs per training-year code of the education sector with a Totaal
 * de-duplicated per person (reference INDEX.md §4.3: 2018 rows add up to 100, Totaal 99; 2019 178/175; 2020 271/270;
 * 2021 550/549); the {@code persons} of the total is that Totaal.
 * <p>Pure: plain values in, a count out. Which contracts count, and in which period, is {@link DiplomaRule}'s and
 * {@link DropOutRule}'s.
 */
public final class ContractPersonsRule {

    private ContractPersonsRule() {
    }

    /**
     * @param personIds the person id of each contract counted (one entry per contract, so a person may repeat), in any
     *                  form that is equal for equal ids (text, a UUID)
     * @return the distinct persons among them, in persons
     */
    public static long persons(Collection<?> personIds) {
        return new HashSet<>(personIds).size();
    }
}
