package be.vdab.okot.events;

/** Who referred the candidate: the person themselves, a VDAB counsellor, or an OCMW. */
public enum ReferralKind {
    SELF, VDAB, OCMW
}
