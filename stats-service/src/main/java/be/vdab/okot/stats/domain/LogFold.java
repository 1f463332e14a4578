package be.vdab.okot.stats.domain;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.OkotEvent;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.events.enrolment.CostRecorded;
import be.vdab.okot.events.enrolment.OfferPublished;
import be.vdab.okot.events.intake.CandidacyAgreed;
import be.vdab.okot.events.intake.CandidacySubmitted;
import be.vdab.okot.events.intake.ScreeningCompleted;
import be.vdab.okot.events.outcome.CourseEnded;
import be.vdab.okot.events.outcome.OutflowRecorded;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the event log says, folded in log order by the same order-safe rules as the consumer: the last state
 * of each fact, never an event. Compact, as it holds the whole history at once (1.19 M events of 165,000
 * persons on stats-service's 320 MB heap): ids as UUIDs (a third of the memory of their text), dates as
 * epoch days, the few values of a breakdown shared, open-addressing maps without an object per entry, and
 * the event ids as pairs of longs ({@link EventIdSet}, shared with the rebuild).
 */
final class LogFold {

    /** A candidacy as CandidacySubmitted describes it. */
    record Candidacy(Object personId, int submittedOn, String referral, String courseCode, String province) {
    }

    /** A contract as its start (or, without one, its first end) describes it: what the facts keep of it. */
    record Contract(Object personId, Object clusterId, String trainingCode, boolean finalYear, String programme,
                    String province, int startDate, boolean fromStart) {
        LocalDate start() {
            return date(startDate);
        }

        String signature() {
            return String.join("|", personId.toString(), clusterId.toString(), str(trainingCode), Boolean.toString(finalYear),
                    str(programme), str(province), str(start()));
        }
    }

    record End(int revision, int endDate, CourseEnded.Result result, CourseEnded.StopReason stopReason) {
        LocalDate end() {
            return date(endDate);
        }

        String signature() {
            return revision + "|" + str(end()) + "|" + result + "|" + str(stopReason);
        }
    }

    record Screening(int screenedOn, ScreeningCompleted.Decision decision) {
        LocalDate on() {
            return date(screenedOn);
        }
    }

    record Measurement(int measuredOn, boolean atWork) {
        LocalDate on() {
            return date(measuredOn);
        }
    }

    record Offer(int year, String courseCode, String province) {
        String signature() {
            return year + "|" + courseCode + "|" + province;
        }
    }

    /** A cost entry (F9): booking day, kind, euro amount, the contract's programme. */
    record Cost(int bookedOn, String kind, BigDecimal amount, String programme) {
        LocalDate on() {
            return date(bookedOn);
        }

        String signature() {
            return on() + "|" + kind + "|" + amount.setScale(2).toPlainString() + "|" + programme;
        }
    }

    static final int NONE = Integer.MIN_VALUE;

    Map<Object, Candidacy> candidacies = new Object2ObjectOpenHashMap<>();
    Object2IntOpenHashMap<Object> agreedOn = new Object2IntOpenHashMap<>();
    Map<Object, Screening> screenings = new Object2ObjectOpenHashMap<>();
    /** Every contract known from its start, or from its first end while no start was read. */
    Map<Object, Contract> contracts = new Object2ObjectOpenHashMap<>();
    Map<Object, End> ends = new Object2ObjectOpenHashMap<>();
    Set<Object> cancelled = new ObjectOpenHashSet<>();
    Map<Object, Measurement> outflow = new Object2ObjectOpenHashMap<>();
    Set<Offer> offers = new ObjectOpenHashSet<>();
    /** Every cost entry by its id; entries are never changed, the first event of an entry holds. */
    Map<Object, Cost> costs = new Object2ObjectOpenHashMap<>();
    EventIdSet eventIds = new EventIdSet();
    long read;
    long unreadable;
    long deadLettered;

    /** One instance of each value (person and cluster ids, trainings, courses, provinces, ...). */
    private final Map<Object, Object> shared = new Object2ObjectOpenHashMap<>();

    LogFold() {
        agreedOn.defaultReturnValue(NONE);
    }

    void apply(EventType type, OkotEvent payload) {
        switch (type) {
            case CANDIDACY_SUBMITTED -> {
                CandidacySubmitted submitted = (CandidacySubmitted) payload;
                candidacies.put(id(submitted.candidacyId()), new Candidacy(sharedId(submitted.person().personId()),
                        day(submitted.submittedOn()), shared(str(submitted.referralKind())), shared(submitted.courseCode()),
                        shared(str(submitted.province()))));
            }
            case CANDIDACY_AGREED -> {
                CandidacyAgreed agreed = (CandidacyAgreed) payload;
                agreedOn.put(id(agreed.candidacyId()), day(agreed.agreedOn()));
            }
            case SCREENING_COMPLETED -> {
                ScreeningCompleted screened = (ScreeningCompleted) payload;
                screenings.put(id(screened.candidacyId()), new Screening(day(screened.screenedOn()), screened.decision()));
            }
            case CONTRACT_STARTED -> {
                ContractStarted started = (ContractStarted) payload;
                Object id = id(started.contractId());
                Contract known = contracts.get(id);
                if (known == null || !known.fromStart()) {
                    contracts.put(id, new Contract(sharedId(started.person().personId()), sharedId(started.clusterId()),
                            shared(started.training().trainingCode()), started.training().finalYear(),
                            shared(started.training().programme()), shared(str(started.province())),
                            day(started.startDate()), true));
                }
            }
            case CONTRACT_CANCELLED -> cancelled.add(id(((ContractCancelled) payload).contractId()));
            case COURSE_ENDED -> {
                CourseEnded ended = (CourseEnded) payload;
                Object id = id(ended.contractId());
                if (!contracts.containsKey(id)) {
                    contracts.put(id, new Contract(sharedId(ended.person().personId()), sharedId(ended.clusterId()),
                            shared(ended.training().trainingCode()), ended.training().finalYear(),
                            shared(ended.training().programme()), shared(str(ended.province())), day(ended.startDate()),
                            false));
                }
                End known = ends.get(id);
                if (known == null || ended.revision() > known.revision()) {
                    ends.put(id, new End(ended.revision(), day(ended.endDate()), ended.result(), ended.stopReason()));
                }
            }
            case OUTFLOW_RECORDED -> {
                OutflowRecorded recorded = (OutflowRecorded) payload;
                outflow.put(sharedId(recorded.clusterId()), new Measurement(day(recorded.measuredOn()), recorded.atWork()));
            }
            case OFFER_PUBLISHED -> {
                OfferPublished offer = (OfferPublished) payload;
                offers.add(new Offer(offer.year(), shared(offer.courseCode()), shared(str(offer.province()))));
            }
            case COST_RECORDED -> {
                CostRecorded cost = (CostRecorded) payload;
                costs.putIfAbsent(id(cost.costId()), new Cost(day(cost.bookedOn()), shared(cost.kind().name()),
                        cost.amount(), shared(cost.training().programme())));
            }
            default -> {
                // courses: names and labels only, no count depends on them
            }
        }
    }

    /** The agreement date of a candidacy, or null. */
    LocalDate agreedOn(Object candidacyId) {
        return date(agreedOn.getInt(candidacyId));
    }

    /** An id as the fold keeps it: a UUID when it is one in its canonical text, else the text itself. */
    static Object id(String text) {
        UUID uuid = text == null ? null : EventIdSet.canonicalUuid(text);
        return uuid != null ? uuid : text;
    }

    private Object sharedId(String text) {
        return shared(id(text));
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        if (value == null) {
            return null;
        }
        Object known = shared.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }

    /** The values shared while folding are no longer needed once the log is read. */
    void logRead() {
        shared.clear();
        ((Object2ObjectOpenHashMap<Object, Object>) shared).trim();
        eventIds = null;
    }

    private static int day(LocalDate date) {
        return date == null ? NONE : Math.toIntExact(date.toEpochDay());
    }

    static LocalDate date(int day) {
        return day == NONE ? null : LocalDate.ofEpochDay(day);
    }

    static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
