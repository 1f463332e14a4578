package be.vdab.okot.stats.domain;

/** The four counts of F7 (question 315), each a row group of the knelpunt figure. */
public enum KnelpuntCount {
    STARTED("Gestarte opleidingen"),
    COMPLETED("Beëindigd - geslaagd"),
    FAILED("Beëindigd - niet geslaagd"),
    STOPPED_EARLY("Vroegtijdig gestopt");

    public final String label;

    KnelpuntCount(String label) {
        this.label = label;
    }
}
