package be.vdab.okot.stats.domain;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The event ids a reading of the whole log has met — a rebuild's fold, the reconciliation's — so each event is
 * applied once, as the consumer's processed-event table makes it (api.md: de-duplication by {@code ce_id}). An id in the canonical UUID form the outboxes give is kept
 * as its high 64 bits mapped to its low 64 bits, about 21 bytes an id at national scale instead of about 100 in
 * a set of strings; an id of another form, or one whose high bits another id has, goes to a set of strings.
 * Exact: no id is ever taken for another.
 */
public final class EventIdSet {

    private final Long2LongOpenHashMap lowByHigh = new Long2LongOpenHashMap();
    private final Set<String> others = new HashSet<>();

    /** Adds the id; true when the set did not hold it yet (the event is new). */
    public boolean add(String eventId) {
        UUID uuid = canonicalUuid(eventId);
        if (uuid == null) {
            return others.add(eventId);
        }
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        if (!lowByHigh.containsKey(high)) {
            lowByHigh.put(high, low);
            return true;
        }
        if (lowByHigh.get(high) == low) {
            return false;
        }
        return others.add(eventId); // same high bits, another id: kept whole
    }

    /** How many ids the set holds. */
    public int size() {
        return lowByHigh.size() + others.size();
    }

    /** The UUID this id spells in its canonical form (lower case, 8-4-4-4-12), or null: "1-1-1-1-1" is not one. */
    static UUID canonicalUuid(String eventId) {
        if (eventId.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(eventId);
            return uuid.toString().equals(eventId) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
