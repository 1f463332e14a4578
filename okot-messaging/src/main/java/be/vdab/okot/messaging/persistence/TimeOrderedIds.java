package be.vdab.okot.messaging.persistence;

import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * New identifiers for rows and events: UUID version 7 (RFC 9562), 36 characters, time-ordered — the first 48 bits
 * are the creation time in milliseconds, so ids made one after another sort one after another (monotonic within a
 * JVM, Hibernate's {@link UuidVersion7Strategy}).
 *
 * <p>Why not random UUIDs (version 4): every index whose key starts with such an id — a primary key, the outbox's
 * {@code event_id}, the consumers' processed-event table, {@code candidacy (person_id, …)} — took each new row at a
 * random leaf, so each write dirtied a different page of every index. On H2 a durable commit writes every dirty
 * page to the file again (MVStore is copy-on-write), and a cache that no longer holds the whole index reads pages
 * back; on PostgreSQL the same scatter costs full-page writes to the WAL. With time-ordered ids new rows meet at
 * the right-hand edge of each index: a flush that covers ten commits writes one leaf per index, not ten.
 * The ids stay opaque to clients (api.md: a UUID string); nothing may read a time out of them.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /** A new id, {@code xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx}, greater than every id this JVM made before. */
    public static String next() {
        return UuidVersion7Strategy.INSTANCE.generateUuid(null).toString();
    }
}
