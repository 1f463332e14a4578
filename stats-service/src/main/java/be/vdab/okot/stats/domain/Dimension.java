package be.vdab.okot.stats.domain;

import be.vdab.okot.events.AgeBandRule;
import be.vdab.okot.events.intake.FunnelRule;
import be.vdab.okot.events.outcome.DropOutRule;
import be.vdab.okot.events.outcome.KnelpuntRule;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A breakdown of figures.md: its stable codes, the published labels, and the order rows come in. */
public enum Dimension {

    AGE5("age5"),
    AGE3("age3"),
    GENDER("gender"),
    TYPE("type"),
    PROVINCE("province"),
    TRAINING("training"),
    COURSE("course"),
    SECTOR("sector"),
    REASON("reason"),
    ENDING("ending"),
    DIPLOMA("diploma"),
    REFERRAL("referral"),
    MODULE("module"),
    /** F9: the kind of a cost entry ({@code CostKind}), carried in {@link Fact#step()}. */
    KIND("kind");

    /** A value of a breakdown: the code in {@code key}, the published label, and where its row goes. */
    public record Value(String key, String label, String order) {
    }

    public static final Map<String, String> TYPE_LABELS = Map.of("BSO7", "7e jaar BSO", "TKO", "TKO", "SENSE", "Se-n-se",
            "HBO", "HBO", "PBA", "PBA", "MASTER", "Master", "MODULE", "Module");
    private static final List<String> TYPE_ORDER = List.of("BSO7", "TKO", "SENSE", "HBO", "PBA", "MASTER", "MODULE");
    private static final Map<String, String> REASON_LABELS = Map.of(
            "FAILED", "Uitgevoerd - Niet geslaagd",
            "BY_CLIENT", "Stopgezet - Door de klant",
            "LONG_TERM_ILLNESS", "Stopgezet - Wegens langdurige ziekte",
            "UNSUITABILITY", "Stopgezet - Wegens ongeschiktheid",
            "EMPLOYMENT", "Stopgezet - Wegens tewerkstelling (tijdens opl)",
            "BY_VDAB", "Stopgezet - Door VDAB",
            "OTHER", "Stopgezet - Andere reden",
            "REORIENTATION", "Stopgezet - Heroriëntatie binnen het traject",
            "REGISTRATION_TECHNICAL", "Stopgezet - Registratietechnisch");
    private static final Map<Enum<?>, String> ROW_GROUP_LABELS = Map.of(
            FunnelRule.Step.SUBMITTED, "Kandidaatstellingen",
            FunnelRule.Step.AGREED, "Formele akkoorden OCMW",
            FunnelRule.Step.APPROVED, "Screenings goedgekeurd",
            FunnelRule.Step.REJECTED, "Screenings afgekeurd",
            FunnelRule.Step.CONTRACT_STARTED, "Gestart met een opleidingscontract",
            KnelpuntRule.Count.STARTED, "Gestarte opleidingen",
            KnelpuntRule.Count.COMPLETED, "Beëindigd - geslaagd",
            KnelpuntRule.Count.FAILED, "Beëindigd - niet geslaagd",
            KnelpuntRule.Count.STOPPED_EARLY, "Vroegtijdig gestopt");
    /** F9's cost kinds: no published labels exist (figures.md F9), these are the platform's, in this order. */
    private static final Map<String, Value> KINDS = Map.of(
            "REGISTRATION_FEE", new Value("REGISTRATION_FEE", "Inschrijvingsgeld", "1"),
            "STUDY_COSTS", new Value("STUDY_COSTS", "Studiekosten", "2"),
            "LEARNING_MATERIALS", new Value("LEARNING_MATERIALS", "Leermiddelen", "3"),
            "ADMINISTRATION", new Value("ADMINISTRATION", "Administratiekosten", "4"));
    /** The diploma each OKOT type leads to (domain.md). */
    private static final Map<String, Value> DIPLOMAS = Map.of(
            "BSO7", new Value("SECONDARY", "Diploma secundair onderwijs", "1"),
            "TKO", new Value("SECONDARY", "Diploma secundair onderwijs", "1"),
            "SENSE", new Value("SENSE_CERTIFICATE", "Certificaat Se-n-Se", "2"),
            "HBO", new Value("GRADUATE", "Gegradueerde", "3"),
            "PBA", new Value("PROFESSIONAL_BACHELOR", "Professionele bachelor", "4"),
            "MASTER", new Value("MASTER", "Master", "5"));

    public final String parameter;

    Dimension(String parameter) {
        this.parameter = parameter;
    }

    /** The value of this breakdown for a fact, on its reference date. */
    public Value valueOf(Fact fact, Function<String, String> courseNames) {
        return switch (this) {
            case AGE5 -> age(AgeBandRule.Scale.AGE5, fact);
            case AGE3 -> age(AgeBandRule.Scale.AGE3, fact);
            case GENDER -> new Value(fact.gender().name(), fact.gender().name(), fact.gender().name());
            case TYPE -> new Value(fact.type(), TYPE_LABELS.getOrDefault(fact.type(), fact.type()),
                    String.format("%02d", TYPE_ORDER.indexOf(fact.type()) + 1));
            case PROVINCE -> new Value(fact.province().name(), fact.province().name(),
                    Integer.toString(fact.province().ordinal()));
            case TRAINING -> new Value(fact.trainingCode(), fact.trainingCode() + ": " + fact.trainingName(), fact.trainingCode());
            case COURSE -> new Value(fact.courseCode(), courseNames.apply(fact.courseCode()), fact.courseCode());
            case SECTOR -> new Value(String.valueOf(fact.sector()), String.valueOf(fact.sector()), String.valueOf(fact.sector()));
            case REASON -> new Value(fact.reason(), REASON_LABELS.getOrDefault(fact.reason(), fact.reason()),
                    String.format("%02d", DropOutRule.REASONS.indexOf(fact.reason()) + 1));
            case ENDING -> new Value(fact.ending(), fact.ending(), fact.ending().equals("POSITIVE") ? "1" : "2");
            case DIPLOMA -> DIPLOMAS.getOrDefault(fact.type(), new Value("OTHER", "Andere", "9"));
            case REFERRAL -> new Value(fact.referral(), fact.referral(), fact.referral());
            case MODULE -> switch (KnelpuntRule.module(fact.programme()).orElseThrow()) {
                case M4A -> new Value("4A", "module 4a: beroepsgerichte doorstroomopleiding", "1");
                case M4B -> new Value("4B", "module 4b: beroepsgerichte opleiding", "2");
            };
            case KIND -> KINDS.getOrDefault(fact.step(), new Value(fact.step(), fact.step(), "9"));
        };
    }

    /**
     * What of a fact this breakdown's value depends on, the value's source: facts with equal sources have
     * equal values, so a read computes a value once per source (the age in years for the age bands, the type
     * for the diploma, the code for a training or a course, ...), not once per cell.
     */
    public Object source(Fact fact) {
        return switch (this) {
            case AGE5, AGE3 -> fact.birthDate() == null || fact.referenceDate() == null ? null
                    : AgeBandRule.age(fact.birthDate(), fact.referenceDate());
            case GENDER -> fact.gender();
            case TYPE, DIPLOMA -> fact.type();
            case PROVINCE -> fact.province();
            case TRAINING -> fact.trainingCode();
            case COURSE -> fact.courseCode();
            case SECTOR -> fact.sector();
            case REASON -> fact.reason();
            case ENDING -> fact.ending();
            case REFERRAL -> fact.referral();
            case MODULE -> fact.programme();
            case KIND -> fact.step();
        };
    }

    public static Dimension ofParameter(String parameter) {
        for (Dimension dimension : values()) {
            if (dimension.parameter.equals(parameter)) {
                return dimension;
            }
        }
        return null;
    }

    /** The age band (figures.md, {@link AgeBandRule}) on the fact's reference date; rows go youngest first. */
    private static Value age(AgeBandRule.Scale scale, Fact fact) {
        AgeBandRule.Band band = scale.band(fact.birthDate(), fact.referenceDate());
        return new Value(band.key(), band.label(), String.format("%02d", band.index()));
    }

    /**
     * The row group a funnel (F8) or knelpunt (F7) fact counts in, with its published label, in the order of
     * the rule's enum: the funnel's step, or which of the four counts of question 315.
     */
    static Value rowGroup(Enum<?> group) {
        return new Value(group.name(), ROW_GROUP_LABELS.getOrDefault(group, group.name()), Integer.toString(group.ordinal()));
    }
}
