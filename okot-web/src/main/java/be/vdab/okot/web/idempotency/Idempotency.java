package be.vdab.okot.web.idempotency;

import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.security.Caller;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
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
 * {@code Idempotency-Key} on a POST (api.md): the same key with the same body, from the same caller,
 * returns the first answer again and creates nothing new; the same key with another body is refused
 * (422). Keys are scoped to the caller: its organisation and subject ({@link Caller#organisation()},
 * {@link Caller#actor()}), so another caller's key is simply another key.
 * <p>
 * Authorisation comes first: the role checks ({@code @RolesAllowed}) run before the resource method, and
 * the organisation check of the operation is the {@link Access} given to {@link #once}, run before the key
 * is looked up. A caller who may not do the operation gets its 401/403 whether or not the key exists.
 * <p>
 * The answer is stored in the transaction of the change, so a crash cannot separate them; the scoped key
 * is the table's primary key, so of two concurrent twins the second waits for the first and then gets
 * a 409 (or, once the first committed, the replay), never a second change.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Header of a replayed answer. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The longest key accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    /**
     * What the caller must be allowed, beyond its role, before a key is looked up: typically the
     * organisation check of the resource ({@code caller.requireOcmw(...)}). Throws the 403 (or the 404
     * of an unknown resource) itself.
     */
    @FunctionalInterface
    public interface Access {

        /** The operation needs only the role its resource method declares with {@code @RolesAllowed}. */
        Access ROLE_ONLY = () -> {
        };

        void check();
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @Inject
    HttpHeaders headers;

    /**
     * Checks the caller's access, then runs the operation once per scoped key. Call it inside the
     * operation's transaction.
     *
     * @param key       the {@code Idempotency-Key} header, {@code null} when absent; a blank or longer
     *                  than {@value #MAX_KEY_LENGTH} characters, or the header given twice, is a 400
     * @param operation method and path, e.g. {@code POST /candidacies}
     * @param request   the parsed body: keys are compared on its JSON form, not on whitespace
     * @param access    the organisation check of the operation, or {@link Access#ROLE_ONLY}
     * @param action    the operation; its answer is stored and replayed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response once(String key, String operation, Object request, Access access, Supplier<Response> action) {
        access.check();
        List<String> sent = headers.getRequestHeader(HEADER);
        if (sent != null && sent.size() > 1) {
            // two keys: which one the client meant to repeat is a guess, and a wrong guess applies it twice
            throw ApiProblemException.invalid(List.of(new Violation(HEADER, "give one key, not " + sent.size())));
        }
        if (key == null) {
            key = sentButEmpty();
        }
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblemException.invalid(List.of(new Violation(HEADER,
                    "must be 1 to " + MAX_KEY_LENGTH + " characters, not blank")));
        }
        String organisation = caller.organisation();
        String subject = caller.actor();
        String id = scopedKeyHash(organisation, subject, operation, key);
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
        record.scopedKeyHash = id;
        record.callerOrganisation = organisation;
        record.callerSubject = subject;
        record.operation = operation;
        record.idempotencyKey = key;
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

    /**
     * Quarkus REST gives a header parameter sent with an empty value as {@code null}, as if it were absent:
     * the request's headers tell them apart, so that an empty key is refused like a blank one.
     */
    private String sentButEmpty() {
        List<String> values = headers.getRequestHeader(HEADER);
        return values == null || values.isEmpty() ? null : values.get(0) == null ? "" : values.get(0);
    }

    /**
     * The primary key of a scoped key: SHA-256 (64 hex digits) of the four parts, each preceded by its
     * length so that no two different scopes give the same input.
     */
    static String scopedKeyHash(String organisation, String subject, String operation, String key) {
        MessageDigest digest = sha256();
        for (String part : new String[] {organisation, subject, operation, key}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Response replay(IdempotentRequest first) {
        Response.ResponseBuilder builder = Response.status(first.status).header(REPLAYED, "true");
        if (first.location != null) {
            builder.location(URI.create(first.location));
        }
        if (first.responseBody != null) {
            builder.entity(first.responseBody).type(MediaType.APPLICATION_JSON);
        }
        return builder.build();
    }

    private String hash(String operation, Object request) {
        MessageDigest digest = sha256();
        digest.update(operation.getBytes(StandardCharsets.UTF_8));
        String body = json(request);
        if (body != null) {
            digest.update(body.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JsonNode normalised(JsonNode node) {
        if (node.isBigDecimal()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(normalised(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalised(array.get(i)));
            }
        }
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The request as the hash sees it: the application's JSON with every decimal number in its plain, shortest form,
     * so the same value written otherwise ({@code 12.34}, {@code 12.340}) is the same request.
     */
    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(normalised(mapper.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
