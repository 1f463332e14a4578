package be.vdab.okot.intake.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /ocmw/{ocmwId}/webhook}. */
public record WebhookRequest(
        @NotBlank @Size(max = 2000) @Schema(example = "https://ocmw-gent.example/okot/notifications") String url,
        @NotBlank @Size(min = 16, max = 200) @Schema(description = "signs each body with HMAC-SHA256 (X-OKOT-Signature)",
                example = "a-long-random-shared-secret") String secret) {
}
