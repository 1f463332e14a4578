package be.vdab.okot.intake.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Where an OCMW wants its notifications pushed, and the secret that signs them. */
@Entity
@Table(name = "ocmw_webhook")
public class OcmwWebhook extends PanacheEntityBase {

    @Id
    @Column(name = "ocmw_id")
    public String ocmwId;

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(nullable = false, length = 200)
    public String secret;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
