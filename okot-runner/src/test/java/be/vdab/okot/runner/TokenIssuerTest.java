package be.vdab.okot.runner;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIssuerTest {

    @TempDir
    Path keys;

    @Test
    void issuesRs256TokensWithRoleAndOcmwThatThePublicKeyVerifies() throws Exception {
        TokenIssuer issuer = TokenIssuer.inDirectory(keys);
        String token = issuer.issue("els@ocmw-gent", "ocmw", "ocmw-gent", Duration.ofHours(1));

        JwtClaims claims = new JwtConsumerBuilder()
                .setExpectedIssuer(TokenIssuer.ISSUER)
                .setVerificationKey(TokenIssuer.readPublicKey(issuer.publicKeyFile()))
                .build().processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("els@ocmw-gent");
        assertThat(claims.getStringListClaimValue("groups")).isEqualTo(List.of("ocmw"));
        assertThat(claims.getStringClaimValue("ocmw_id")).isEqualTo("ocmw-gent");
    }

    @Test
    void keepsItsKeyPairSoEarlierTokensStayValidAndOtherKeysAreRefused(@TempDir Path otherKeys) throws Exception {
        String token = TokenIssuer.inDirectory(keys).issue("an", "counsellor", null, Duration.ofHours(1));
        TokenIssuer again = TokenIssuer.inDirectory(keys);

        new JwtConsumerBuilder().setExpectedIssuer(TokenIssuer.ISSUER)
                .setVerificationKey(TokenIssuer.readPublicKey(again.publicKeyFile())).build().processToClaims(token);
        TokenIssuer other = TokenIssuer.inDirectory(otherKeys);
        assertThatThrownBy(() -> new JwtConsumerBuilder().setExpectedIssuer(TokenIssuer.ISSUER)
                .setVerificationKey(TokenIssuer.readPublicKey(other.publicKeyFile())).build().processToClaims(token))
                .isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void mintsNoTokenTheServicesWouldRefuseForItsLifetime() throws Exception {
        TokenIssuer issuer = TokenIssuer.inDirectory(keys);
        JwtClaims claims = new JwtConsumerBuilder().setExpectedIssuer(TokenIssuer.ISSUER)
                .setVerificationKey(TokenIssuer.readPublicKey(issuer.publicKeyFile())).build()
                .processToClaims(issuer.issue("an", "counsellor", null, TokenIssuer.MAX_VALIDITY));
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(TokenIssuer.MAX_VALIDITY.toSeconds());
        assertThatThrownBy(() -> issuer.issue("an", "counsellor", null, TokenIssuer.MAX_VALIDITY.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("an", "counsellor", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
