package be.vdab.okot.stats.persistence;

/**
 * Where the facts behind the figures are read and added, by business id: the database inside the consumer's
 * transaction ({@link #STORED}), or a rebuild's fold in memory ({@code events.FoldedFacts}). The rules that
 * change facts ({@code events.FactUpdates}) are written once against it, so a rebuild folds the log by the
 * very code the live consumer applies it with.
 */
public interface FactStore {

    /** The fact of this type with this id (its {@code @Id}), or null when there is none. */
    <T> T find(Class<T> type, Object id);

    /** Adds a new fact; call it after every field is set (Hibernate takes the insert's values then). */
    void add(Object fact);

    /** The service's database, in the calling transaction (Panache's entity manager). */
    FactStore STORED = new FactStore() {
        @Override
        public <T> T find(Class<T> type, Object id) {
            return StatsWatermark.getEntityManager().find(type, id);
        }

        @Override
        public void add(Object fact) {
            StatsWatermark.getEntityManager().persist(fact);
        }
    };
}
