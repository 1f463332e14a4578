package be.vdab.okot.web.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The first answer to a request with an Idempotency-Key, replayed for a repetition. */
@Entity
@Table(name = "okot_idempotent_request")
public class IdempotentRequest extends PanacheEntityBase {

    /** The operation (method and path) and the client's key. */
    @Id
    @Column(length = 320)
    public String id;

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
