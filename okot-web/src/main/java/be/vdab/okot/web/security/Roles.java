package be.vdab.okot.web.security;

/** The roles of api.md, as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** VDAB counsellor. */
    public static final String COUNSELLOR = "counsellor";
    /** OCMW social worker; the token names the OCMW in {@code ocmw_id}. */
    public static final String OCMW = "ocmw";
    /** Reads statistics. */
    public static final String ANALYST = "analyst";
    /** Maintains the catalogue. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
