package be.vdab.okot.web.idempotency;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on a POST (api.md): the same key with the same body returns the first
 * answer again and creates nothing new; the same key with another body is refused (422).
 * The answer is stored in the transaction of the change, so a crash cannot separate them.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    ObjectMapper mapper;

    /**
     * Runs the operation once per key. Call it inside the operation's transaction.
     *
     * @param operation method and path template, e.g. {@code POST /candidacies}
     * @param request   the parsed body: keys are compared on its JSON form, not on whitespace
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response once(String key, String operation, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblemException.invalid(List.of(new Violation(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        String id = operation + " " + key;
        String hash = hash(operation, request);
        IdempotentRequest first = IdempotentRequest.findById(id);
        if (first != null) {
            if (!first.requestHash.equals(hash)) {
                throw new ApiProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used for a different request", null);
            }
            return replay(first);
        }
        IdempotentRequest record = new IdempotentRequest();
        record.id = id;
        record.requestHash = hash;
        record.createdAt = Instant.now();
        try {
            record.persistAndFlush(); // claims the key: a concurrent twin waits here, then fails
        } catch (PersistenceException e) {
            throw ApiProblemException.conflict("idempotency-key-in-use",
                    "A request with this Idempotency-Key is being processed; repeat it later");
        }
        Response response = action.get();
        record.status = response.getStatus();
        record.location = response.getLocation() != null ? response.getLocation().toString() : null;
        record.responseBody = json(response.getEntity());
        return response;
    }

    private static Response replay(IdempotentRequest first) {
        Response.ResponseBuilder builder = Response.status(first.status).header("Idempotent-Replayed", "true");
        if (first.location != null) {
            builder.location(URI.create(first.location));
        }
        if (first.responseBody != null) {
            builder.entity(first.responseBody).type(MediaType.APPLICATION_JSON);
        }
        return builder.build();
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update(json(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
