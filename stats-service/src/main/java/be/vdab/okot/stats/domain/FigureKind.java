package be.vdab.okot.stats.domain;

import java.util.EnumSet;
import java.util.Set;

import static be.vdab.okot.stats.domain.Dimension.AGE3;
import static be.vdab.okot.stats.domain.Dimension.AGE5;
import static be.vdab.okot.stats.domain.Dimension.COURSE;
import static be.vdab.okot.stats.domain.Dimension.DIPLOMA;
import static be.vdab.okot.stats.domain.Dimension.ENDING;
import static be.vdab.okot.stats.domain.Dimension.GENDER;
import static be.vdab.okot.stats.domain.Dimension.KIND;
import static be.vdab.okot.stats.domain.Dimension.PROVINCE;
import static be.vdab.okot.stats.domain.Dimension.REASON;
import static be.vdab.okot.stats.domain.Dimension.REFERRAL;
import static be.vdab.okot.stats.domain.Dimension.SECTOR;
import static be.vdab.okot.stats.domain.Dimension.TRAINING;
import static be.vdab.okot.stats.domain.Dimension.TYPE;

/** The figures of figures.md: their unit and the breakdowns each one has. */
public enum FigureKind {

    STARTS("starts", "persons", EnumSet.of(AGE5, AGE3, GENDER, TYPE, PROVINCE, TRAINING, COURSE, SECTOR)),
    DIPLOMAS("diplomas", "contracts", EnumSet.of(AGE5, AGE3, GENDER, TYPE, PROVINCE, TRAINING, COURSE, SECTOR, DIPLOMA)),
    DROPOUTS("dropouts", "contracts", EnumSet.of(AGE5, AGE3, GENDER, TYPE, PROVINCE, TRAINING, COURSE, SECTOR, REASON)),
    OUTFLOW("outflow", "clusters", EnumSet.of(AGE5, AGE3, GENDER, TYPE, PROVINCE, TRAINING, COURSE, SECTOR, ENDING)),
    OFFERS("offers", "offers", EnumSet.of(TYPE, PROVINCE, COURSE, SECTOR)),
    FUNNEL("funnel", "candidacies", EnumSet.of(REFERRAL, COURSE, PROVINCE, GENDER, AGE5)),
    KNELPUNT("knelpunt", "trainings", EnumSet.of(Dimension.MODULE, GENDER, AGE3, AGE5)),
    /** F7's outflow (figures.md F7, question 315 answers 2–3): closed module clusters, measured as F4. */
    KNELPUNT_OUTFLOW("knelpunt-outflow", "clusters", EnumSet.of(Dimension.MODULE, GENDER, AGE3)),
    /** F9: euro, the sum of the cost entries booked in the period (values with two decimals). */
    SPENDING("spending", "euro", EnumSet.of(KIND, TYPE, PROVINCE, COURSE, SECTOR));

    public final String path;
    public final String unit;
    public final Set<Dimension> breakdowns;

    FigureKind(String path, String unit, Set<Dimension> breakdowns) {
        this.path = path;
        this.unit = unit;
        this.breakdowns = breakdowns;
    }

    /**
     * Whether the figure is counted from its stored facts at every read (F5 offers, F9 spending: they belong to no
     * person's figures) rather than from the live aggregate.
     */
    public boolean fromStoredFacts() {
        return this == OFFERS || this == SPENDING;
    }

    /** Whether rows and total carry {@code closedClusters}, {@code atWork} and {@code rate} instead of a value (api.md). */
    public boolean hasOutflowMeasures() {
        return this == OUTFLOW || this == KNELPUNT_OUTFLOW;
    }

    /**
     * Whether rows and total carry {@code persons} beside {@code value} and {@code total} (F2 diplomas, F3 drop-outs): the
     * distinct persons among the contracts counted, while the value and total stay contracts and sums (figures.md F2,
     * F3; the measure of question 74's Totaal, de-duplicated per person: {@code ContractPersonsRule}).
     */
    public boolean hasPersonsMeasure() {
        return this == DIPLOMAS || this == DROPOUTS;
    }

    public static FigureKind ofPath(String path) {
        for (FigureKind kind : values()) {
            if (kind.path.equals(path)) {
                return kind;
            }
        }
        return null;
    }
}
