package be.vdab.okot.stats.domain;

/** The steps of the intake funnel (F8), each counted on its own date. */
public enum FunnelStep {
    SUBMITTED("Kandidaatstellingen"),
    AGREED("Formele akkoorden OCMW"),
    APPROVED("Screenings goedgekeurd"),
    REJECTED("Screenings afgekeurd"),
    CONTRACT_STARTED("Gestart met een opleidingscontract");

    public final String label;

    FunnelStep(String label) {
        this.label = label;
    }
}
