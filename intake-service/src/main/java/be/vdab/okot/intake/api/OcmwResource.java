package be.vdab.okot.intake.api;

import be.vdab.okot.intake.notification.NotificationView;
import be.vdab.okot.intake.notification.OcmwNotification;
import be.vdab.okot.intake.notification.OcmwWebhook;
import be.vdab.okot.intake.notification.WebhookDelivery;
import be.vdab.okot.intake.notification.WebhookDestinationPolicy;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.security.Caller;
import be.vdab.okot.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/ocmw/{ocmwId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "OCMW notifications")
public class OcmwResource {

    /** The answer of the inbox: ordered, and the cursor to ask after next time. */
    public record Inbox(List<NotificationView> items, String nextCursor) {
    }

    public record WebhookView(String ocmwId, String url, Instant updatedAt, String updatedBy) {
    }

    @Inject
    Caller caller;

    @Inject
    WebhookDestinationPolicy destinations;

    @GET
    @Path("/notifications")
    @RolesAllowed(Roles.OCMW)
    @Transactional
    @Operation(summary = "The OCMW's notifications after a cursor, in order",
            description = "Complete and ordered: keep the nextCursor and ask after it next time. Each item says how its "
                    + "push to the webhook stands. A social worker reads only the own OCMW's.")
    @APIResponse(responseCode = "403", description = "Another OCMW's notifications",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Inbox notifications(@PathParam("ocmwId") String ocmwId, @QueryParam("after") String after,
                               @QueryParam("limit") @DefaultValue("50") int limit) {
        requireAccess(ocmwId);
        if (limit < 1 || limit > 500) {
            throw ApiProblemException.invalid(List.of(new Violation("limit", "must be between 1 and 500")));
        }
        long afterCursor;
        try {
            afterCursor = after == null || after.isBlank() ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ApiProblemException.invalid(List.of(new Violation("after", "is not a cursor of this inbox")));
        }
        List<OcmwNotification> notifications = OcmwNotification.find(
                "ocmwId = ?1 and cursor is not null and cursor > ?2 order by cursor", ocmwId, afterCursor)
                .page(0, limit).list();
        Map<String, WebhookDelivery> deliveries = notifications.isEmpty() ? Map.of()
                : WebhookDelivery.<WebhookDelivery>list("notificationId in ?1",
                        notifications.stream().map(n -> n.id).toList()).stream()
                .collect(Collectors.toMap(d -> d.notificationId, Function.identity()));
        List<NotificationView> items = notifications.stream()
                .map(n -> NotificationView.of(n, deliveries.get(n.id))).toList();
        String next = items.isEmpty() ? Long.toString(afterCursor) : items.get(items.size() - 1).cursor();
        return new Inbox(items, next);
    }

    @PUT
    @Path("/webhook")
    @RolesAllowed(Roles.OCMW)
    @Transactional
    @Operation(summary = "Push the OCMW's notifications to a URL",
            description = "Each notification is POSTed there with X-OKOT-Signature: sha256=<hex HMAC-SHA256 of the body> "
                    + "and X-OKOT-Notification-Id, at least once, retried with back-off for 24 hours. The URL's host must "
                    + "resolve to public addresses only (checked here and again before each push).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Not an https URL, credentials or a fragment in it, a numeric "
            + "host that is not a canonical IP address, or a host that does not resolve to public addresses only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView setWebhook(@PathParam("ocmwId") String ocmwId, @Valid WebhookRequest request) {
        caller.requireOcmw(ocmwId);
        if (request == null) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must not be empty")));
        }
        checkUrl(request.url());
        OcmwWebhook known = OcmwWebhook.findById(ocmwId);
        OcmwWebhook webhook = known != null ? known : new OcmwWebhook();
        webhook.ocmwId = ocmwId;
        webhook.url = request.url();
        webhook.secret = request.secret();
        webhook.updatedAt = Instant.now();
        webhook.updatedBy = caller.actor();
        if (known == null) {
            webhook.persist();
        }
        return new WebhookView(ocmwId, webhook.url, webhook.updatedAt, webhook.updatedBy);
    }

    @GET
    @Path("/webhook")
    @RolesAllowed(Roles.OCMW)
    @Transactional
    @Operation(summary = "The OCMW's webhook (never its secret)")
    public WebhookView webhook(@PathParam("ocmwId") String ocmwId) {
        requireAccess(ocmwId);
        OcmwWebhook webhook = OcmwWebhook.<OcmwWebhook>findByIdOptional(ocmwId)
                .orElseThrow(() -> ApiProblemException.notFound("Webhook of", ocmwId));
        return new WebhookView(ocmwId, webhook.url, webhook.updatedAt, webhook.updatedBy);
    }

    @DELETE
    @Path("/webhook")
    @RolesAllowed(Roles.OCMW)
    @Transactional
    @Operation(summary = "Stop pushing; the inbox keeps every notification")
    public Response deleteWebhook(@PathParam("ocmwId") String ocmwId) {
        caller.requireOcmw(ocmwId);
        OcmwWebhook.deleteById(ocmwId);
        return Response.noContent().build();
    }

    /** api.md: OCMW notifications are for the OCMW itself, own organisation only (not even VDAB counsellors). */
    private void requireAccess(String ocmwId) {
        caller.requireOcmw(ocmwId);
    }

    /** See {@link WebhookDestinationPolicy}: the same check runs again before each push. */
    private void checkUrl(String url) {
        try {
            destinations.check(url);
        } catch (WebhookDestinationPolicy.RefusedDestination e) {
            throw invalidUrl(e.getMessage());
        }
    }

    private static ApiProblemException invalidUrl(String message) {
        return ApiProblemException.invalid(List.of(new Violation("url", message)));
    }
}
