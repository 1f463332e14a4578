package be.vdab.okot.stats.domain;

import be.vdab.okot.stats.persistence.CourseFact;
import be.vdab.okot.stats.persistence.FactStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The catalogue of courses ({@code okot.course.published}, stored as {@link CourseFact}) as the figures read it: the
 * course breakdown's labels (figures.md) and the attributes of F5's offers. Read from the active store once and kept
 * until a course is published (a transaction that stores a course calls {@link #published}; the catalogue is read
 * again after it ends) or another store becomes the active one (a rebuild).
 */
@ApplicationScoped
public class CourseCatalogue {

    private static final Object PUBLISHED = CourseCatalogue.class.getName() + ".published";

    /** A course of the catalogue, as published. */
    public record Course(String code, String name, String type, String sector, String programme) {
    }

    /**
     * The catalogue as read at one version from one store (an immutable map).
     *
     * @param version the number of course publications that had ended when it was read
     */
    public record Snapshot(long version, String store, Map<String, Course> courses) {

        /** A course's published name, or its code when it was never published (figures.md: the course breakdown). */
        public String name(String code) {
            Course course = courses.get(code);
            return course == null ? code : course.name();
        }
    }

    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot current;

    @Inject
    FactStores stores;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The catalogue of the active store as of the last course publication that ended. */
    public Snapshot current() {
        long at = version.get(); // before the read: a publication ending meanwhile makes this snapshot stale
        String store = stores.active();
        boolean active = !stores.isRebuildThread();
        Snapshot known = current;
        if (active && known != null && known.version() == at && known.store().equals(store)) {
            return known;
        }
        Snapshot read = new Snapshot(at, store, CourseFact.<CourseFact>listAll().stream()
                .map(course -> new Course(course.code, course.name, course.type, course.sector, course.programme))
                .collect(Collectors.toUnmodifiableMap(Course::code, course -> course)));
        if (active) {
            current = read;
        }
        return read;
    }

    /** This transaction stores a course: once it ends (committed or not), the catalogue is read again. */
    public void published() {
        if (transactions.getResource(PUBLISHED) != null) {
            return;
        }
        transactions.putResource(PUBLISHED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                version.incrementAndGet();
            }
        });
    }
}
