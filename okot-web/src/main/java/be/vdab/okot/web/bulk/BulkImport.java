package be.vdab.okot.web.bulk;

import be.vdab.okot.web.idempotency.Idempotency;
import be.vdab.okot.web.logging.PersonalData;
import be.vdab.okot.web.problem.ApiProblemException;
import be.vdab.okot.web.problem.DatabaseConflicts;
import be.vdab.okot.web.problem.Problem;
import be.vdab.okot.web.problem.Problem.Violation;
import be.vdab.okot.web.problem.ProblemMappers;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one home of how a bulk import runs ({@code POST /outflow/measurements}, {@code POST /screenings},
 * {@code POST /contracts/ends}): what a counsellor imports at term end, each item the body of the single call
 * plus the id the single call takes from its path.
 * <ul>
 *   <li>the request is a list of 1 to {@value #MAX_ITEMS} items, none of them {@code null}; otherwise the whole
 *       request is a 400 problem and nothing is applied ({@link #requireItems});</li>
 *   <li>each item is applied by the single call's own service method in a transaction of its own
 *       ({@link #applyEach}): accepted, or refused with the problem the single call would have answered
 *       (status, type, detail, violations); a refused item changes nothing and does not sink the others;</li>
 *   <li>an item the database refused because a concurrent request wrote the same rows first (a unique key, a
 *       lock timeout: {@link DatabaseConflicts}) rolled back whole and is applied once more, so that it sees
 *       what the other request committed (typically: the same, hence unchanged); a second conflict is refused
 *       with the single call's 409;</li>
 *   <li>the whole request may carry an {@code Idempotency-Key} ({@link #once}): the same key and body replay
 *       the stored answer and apply nothing again.</li>
 * </ul>
 */
@ApplicationScoped
public class BulkImport {

    private static final Logger LOG = Logger.getLogger(BulkImport.class);

    /** The most items one bulk request may carry: thousands of a term's records in one call, not millions. */
    public static final int MAX_ITEMS = 10_000;

    /** What every bulk operation's OpenAPI description says first; the operation adds what is its own. */
    public static final String DESCRIPTION = "A list of 1 to " + MAX_ITEMS + " items, each the body of the single call "
            + "with the id its path names. Each item is applied on its own, in a transaction of its own, by the rules of "
            + "the single call: ACCEPTED, or REFUSED with the HTTP status, problem type, detail and violations the single "
            + "call would have answered; one bad item does not sink the others. An Idempotency-Key on the request "
            + "replays its first answer. ";

    /** The OpenAPI description of a bulk operation's 400. */
    public static final String REFUSED_WHOLE = "Not a list of 1 to " + MAX_ITEMS
            + " items, a null item, an item of the wrong types or malformed JSON: nothing is applied";

    /** How often an item is applied at most when the database refuses it for a concurrent write. */
    static final int ATTEMPTS = 2;

    /**
     * Seconds the transaction that holds a request's Idempotency-Key may stay open, the items' own
     * transactions included: {@value #MAX_ITEMS} items at a few milliseconds each, with a wide margin
     * (the default transaction timeout, 60 s, is too short for a full import on a busy machine).
     */
    static final int REQUEST_TIMEOUT_SECONDS = 3_600;

    public enum Status { ACCEPTED, REFUSED }

    /**
     * Why an item was refused: the problem the single call would have answered, as its HTTP status, problem
     * type ({@code https://okot.vdab.be/problems/<slug>}), detail and violations.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refusal(int httpStatus, String type, String detail, List<Violation> violations) {

        static Refusal of(ApiProblemException problem) {
            return new Refusal(problem.status(), Problem.TYPE_BASE + problem.slug(),
                    Problem.excerpt(problem.getMessage(), Problem.MAX_TEXT), problem.violations());
        }
    }

    /**
     * What became of one item: the service method's answer when accepted, else the refusal.
     *
     * @param index   the item's place in the request, from 0
     * @param value   the service method's answer; null when refused
     * @param refusal null when accepted
     */
    public record Outcome<R>(int index, R value, Refusal refusal) {

        public boolean accepted() {
            return refusal == null;
        }

        public Status status() {
            return accepted() ? Status.ACCEPTED : Status.REFUSED;
        }
    }

    @Inject
    Idempotency idempotency;

    @Inject
    Validator validator;

    /**
     * 400 (nothing applied) unless {@code items} holds 1 to {@value #MAX_ITEMS} items and none is {@code null}.
     */
    public static void requireItems(List<?> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ApiProblemException.invalid(List.of(new Violation("body", "must be a list of 1 to " + MAX_ITEMS + " items")));
        }
        List<Violation> missing = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            if (items.get(index) == null) {
                missing.add(new Violation("[" + index + "]", "must be an item, not null"));
            }
        }
        if (!missing.isEmpty()) {
            throw ApiProblemException.invalid(missing.size() > 20 ? missing.subList(0, 20) : missing);
        }
    }

    /**
     * Checks the items (see {@link #requireItems}), then runs {@code run} once per {@code Idempotency-Key}
     * (the {@link Idempotency} of every POST) and answers 200 with what it returns. The key is held by a
     * transaction of its own, open while the items are applied in theirs, so a concurrent request with the same
     * key waits for it and then gets a 409 or the replay, never a second import.
     *
     * @param key       the {@code Idempotency-Key} header, null when absent
     * @param operation method and path, e.g. {@code POST /screenings}
     * @param items     the parsed body
     * @param run       applies the items (typically with {@link #applyEach}) and returns the answer's body
     */
    public Response once(String key, String operation, List<?> items, Supplier<Object> run) {
        requireItems(items);
        return QuarkusTransaction.requiringNew().timeout(REQUEST_TIMEOUT_SECONDS).call(() -> idempotency.once(key,
                operation, items, Idempotency.Access.ROLE_ONLY, () -> Response.ok(run.get()).build()));
    }

    /**
     * Applies every item in a transaction of its own, in order, and says per item what became of it. A refusal
     * ({@link ApiProblemException}) rolls back that item only; a concurrent write the database refused is applied
     * once more (see the class). Any other failure is a fault of the service: it is logged and that item alone is
     * refused with a 500 problem ({@code internal}), its transaction rolled back; the other items go on (a whole
     * 500 would have claimed "nothing was changed" while the items before it were committed).
     *
     * @param apply the single call's service method for one item (joins the item's transaction)
     */
    public <T, R> List<Outcome<R>> applyEach(List<T> items, Function<T, R> apply) {
        List<Outcome<R>> outcomes = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            T item = items.get(index);
            outcomes.add(applyOne(index, () -> QuarkusTransaction.requiringNew().call(() -> apply.apply(item))));
        }
        return outcomes;
    }

    static <R> Outcome<R> applyOne(int index, Supplier<R> attempt) {
        for (int tried = 1; ; tried++) {
            try {
                return new Outcome<>(index, attempt.get(), null);
            } catch (ApiProblemException refused) {
                return new Outcome<>(index, null, Refusal.of(refused));
            } catch (RuntimeException failure) {
                Optional<DatabaseConflicts.Kind> conflict = DatabaseConflicts.of(failure);
                if (conflict.isEmpty()) {
                    LOG.errorf(PersonalData.sanitise(failure), "Bulk item %d failed: %s", index,
                            PersonalData.describe(failure));
                    return new Outcome<>(index, null, Refusal.of(new ApiProblemException(500, "internal",
                            "Internal error", "This item could not be applied; it was not changed, the others were "
                            + "applied as answered. The error is logged.", null)));
                }
                if (tried >= ATTEMPTS) {
                    return new Outcome<>(index, null, Refusal.of(DatabaseConflicts.problem(conflict.get())));
                }
            }
        }
    }

    /** The item's id (the one the single call takes from its path); 400 naming {@code field} when missing. */
    public static String requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw ApiProblemException.invalid(List.of(new Violation(field, "is required")));
        }
        return id;
    }

    /**
     * 400 when the body of a single call carries the id its path names: only an item of the bulk import
     * ({@code bulkOperation}) does, and two ids for one call would leave the client guessing which one counted.
     */
    public static void requireNoIdInBody(String field, String id, String bulkOperation) {
        if (id != null) {
            throw ApiProblemException.invalid(List.of(new Violation(field,
                    "is named in the path; only an item of " + bulkOperation + " carries it")));
        }
    }

    /**
     * 400 naming every violated bean constraint of the item (the {@code @Valid} of the single call), with the
     * field names a single call's problem gives.
     */
    public <T> T valid(T item) {
        Set<ConstraintViolation<T>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            throw ApiProblemException.invalid(ProblemMappers.violationsOf(violations));
        }
        return item;
    }

    /** How many of the outcomes were accepted. */
    public static int accepted(List<? extends Outcome<?>> outcomes) {
        return (int) outcomes.stream().filter(Outcome::accepted).count();
    }
}
