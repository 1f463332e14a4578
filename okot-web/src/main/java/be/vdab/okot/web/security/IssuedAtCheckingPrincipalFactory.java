package be.vdab.okot.web.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;

/**
 * SmallRye JWT's token parsing plus the one time check it lacks: a token issued in the future is
 * refused (401), beyond the clock skew {@code mp.jwt.verify.clock.skew} (seconds, default 60) that
 * SmallRye also allows on {@code exp}. A clock that runs ahead, or a forger who sets {@code iat} ahead to
 * stretch the lifetime check, gets no token through.
 * <p>
 * The rest is SmallRye's: signature, issuer, {@code exp} (required), {@code iat} (required) and the
 * maximum lifetime {@code exp - iat} ({@code smallrye.jwt.time-to-live}, seconds, set in okot-web's
 * configuration). Together they bound every accepted token to end at most
 * {@code time-to-live + clock skew} after now.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class IssuedAtCheckingPrincipalFactory extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal principal = super.parse(token, authContextInfo);
        long now = Instant.now().getEpochSecond();
        long issuedAt = principal.getIssuedAtTime();
        if (issuedAt > now + Math.max(0, authContextInfo.getClockSkew())) {
            throw new ParseException("The token's iat (" + issuedAt + ") is " + (issuedAt - now)
                    + " s in the future, more than the allowed clock skew of " + authContextInfo.getClockSkew() + " s");
        }
        return principal;
    }
}
