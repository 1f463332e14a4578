package be.vdab.okot.web.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The first answer to a request with an Idempotency-Key, replayed for a repetition by the same caller.
 * One row per scoped key: the caller's organisation and subject, the operation and the key
 * (migration {@code V0_3}).
 */
@Entity
@Table(name = "okot_idempotency_key")
public class IdempotentRequest extends PanacheEntityBase {

    /** SHA-256 (hex) of organisation, subject, operation and key: see {@link Idempotency#scopedKeyHash}. */
    @Id
    @Column(name = "scoped_key_hash", length = 64)
    public String scopedKeyHash;

    /** {@code OCMW:<ocmw_id>} or {@code VDAB} (see {@code Caller.organisation()}). */
    @Column(name = "caller_organisation", nullable = false)
    public String callerOrganisation;

    /** The token's subject. */
    @Column(name = "caller_subject", nullable = false)
    public String callerSubject;

    /** Method and path, e.g. {@code POST /candidacies/{id}/screening} with the id filled in. */
    @Column(nullable = false)
    public String operation;

    @Column(name = "idempotency_key", nullable = false, length = 200)
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(nullable = false)
    public int status;

    @Column(name = "response_body", length = 1_000_000)
    public String responseBody;

    @Column(length = 1000)
    public String location;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
