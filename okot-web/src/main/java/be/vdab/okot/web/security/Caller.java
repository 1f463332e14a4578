package be.vdab.okot.web.security;

import be.vdab.okot.web.problem.ApiProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who calls: the actor recorded with every change, and the organisation an OCMW caller belongs to. */
@RequestScoped
public class Caller {

    public static final String OCMW_CLAIM = "ocmw_id";
    /**
     * The organisation of a caller whose token names no OCMW: counsellors, analysts and admins are
     * VDAB staff (api.md roles), so VDAB is their organisation.
     */
    public static final String VDAB = "VDAB";
    private static final String OCMW_PREFIX = "OCMW:";

    @Inject
    JsonWebToken token;

    /** The token's subject: recorded as the actor of a change (audit trail). */
    public String actor() {
        String subject = token.getSubject();
        return subject != null ? subject : token.getName();
    }

    public boolean hasRole(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    /** The OCMW of a social worker's token. */
    public Optional<String> ocmwId() {
        Object claim = token.getClaim(OCMW_CLAIM);
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", ""));
    }

    /**
     * The organisation the caller acts for: {@code OCMW:<ocmw_id>} when the token names an OCMW (a social
     * worker of that OCMW), else {@link #VDAB}; the prefix keeps an OCMW called "VDAB" apart. With
     * {@link #actor()} it scopes what a caller owns, e.g. its Idempotency-Keys.
     */
    public String organisation() {
        return ocmwId().map(id -> OCMW_PREFIX + id).orElse(VDAB);
    }

    /** 403 unless the caller is a social worker of this OCMW. */
    public void requireOcmw(String ocmwId) {
        if (!hasRole(Roles.OCMW) || ocmwId == null || !ocmwId.equals(ocmwId().orElse(null))) {
            throw forbidden("This belongs to another organisation");
        }
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(403, "forbidden", "Forbidden", detail, null);
    }
}
