package be.vdab.okot.runner;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Issues RS256 bearer tokens the services accept (MicroProfile JWT: roles in {@code groups},
 * the OCMW in {@code ocmw_id}). The key pair is made once and kept as PEM files; the services
 * get the public key's location in {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}.
 * In production tokens come from VDAB's identity provider; this is for the local run and tests.
 */
public final class TokenIssuer {

    public static final String ISSUER = "https://okot.vdab.be";
    public static final String PUBLIC_KEY_FILE = "okot-jwt-public.pem";
    /**
     * The longest validity the services accept by default (okot-web: {@code smallrye.jwt.time-to-live},
     * 8 hours, a working day): {@link #issue(String, String, String, Duration)} never mints a longer one.
     */
    public static final Duration MAX_VALIDITY = Duration.ofHours(8);
    private static final String PRIVATE_KEY_FILE = "okot-jwt-private.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private TokenIssuer(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The key pair in {@code dir}, made there on first use. */
    public static TokenIssuer inDirectory(Path dir) {
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                privateFile.toFile().setReadable(false, false);
                privateFile.toFile().setReadable(true, true);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----[A-Z ]+-----", "").trim());
            return new TokenIssuer(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read or make the token key pair in " + dir, e);
        }
    }

    /** Where the services find the public key. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * A token for one role, issued now; {@code ocmwId} only for role ocmw.
     *
     * @param validity from now until {@code exp}: more than zero, at most {@link #MAX_VALIDITY}
     * @throws IllegalArgumentException for a validity the services would refuse
     */
    public String issue(String subject, String role, String ocmwId, Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A token is valid for more than 0 and at most "
                    + MAX_VALIDITY.toHours() + " hours, not " + validity);
        }
        Instant now = Instant.now();
        return issue(subject, role, ocmwId, now, now.plus(validity));
    }

    /**
     * A token with the given {@code iat} and {@code exp} (whole seconds), unchecked: for tests of what the
     * services refuse (a token issued in the future, one valid for a century).
     */
    public String issue(String subject, String role, String ocmwId, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setStringListClaim("groups", List.of(role));
        if (ocmwId != null) {
            claims.setClaim("ocmw_id", ocmwId);
        }
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(privateKey);
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** Checks that a PEM public key is readable (used by tests of the key handling). */
    static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", "").trim());
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
