package be.vdab.okot.testing;

import be.vdab.okot.runner.TokenIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Tests sign their own bearer tokens: one key pair per test JVM, its public key given to the
 * service under test ({@code mp.jwt.verify.publickey.location}) by this test resource.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    private static TokenIssuer issuer;

    @Override
    public Map<String, String> start() {
        return Map.of("mp.jwt.verify.publickey.location", issuer().publicKeyFile().toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        // the key pair lives as long as the JVM: tokens stay valid across Quarkus restarts
    }

    public static synchronized TokenIssuer issuer() {
        if (issuer == null) {
            try {
                issuer = TokenIssuer.inDirectory(Files.createTempDirectory("okot-test-keys-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return issuer;
    }

    public static String counsellor() {
        return issuer().issue("counsellor-test", "counsellor", null, Duration.ofHours(1));
    }

    public static String analyst() {
        return issuer().issue("analyst-test", "analyst", null, Duration.ofHours(1));
    }

    public static String admin() {
        return issuer().issue("admin-test", "admin", null, Duration.ofHours(1));
    }

    public static String ocmw(String ocmwId) {
        return issuer().issue("social-worker@" + ocmwId, "ocmw", ocmwId, Duration.ofHours(1));
    }

    /** A counsellor's token for a given subject (who acts). */
    public static String counsellor(String subject) {
        return issuer().issue(subject, "counsellor", null, Duration.ofHours(1));
    }

    /** A social worker's token for a given subject and OCMW. */
    public static String ocmw(String subject, String ocmwId) {
        return issuer().issue(subject, "ocmw", ocmwId, Duration.ofHours(1));
    }

    /** A counsellor's token with the given {@code iat} and {@code exp}, unchecked: for the refusals. */
    public static String counsellor(Instant issuedAt, Instant expiresAt) {
        return issuer().issue("counsellor-test", "counsellor", null, issuedAt, expiresAt);
    }

    /** A token of the right shape signed by a key the service does not trust. */
    public static String signedByAStranger() {
        try {
            return TokenIssuer.inDirectory(Files.createTempDirectory("okot-stranger-keys-"))
                    .issue("intruder", "counsellor", null, Duration.ofHours(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
