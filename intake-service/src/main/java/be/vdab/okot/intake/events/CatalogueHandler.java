package be.vdab.okot.intake.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.CoursePublished;
import be.vdab.okot.intake.persistence.KnownCourse;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/** Learns the course catalogue from enrolment-service, so a candidacy names a real course. */
@ApplicationScoped
public class CatalogueHandler implements EventHandler {

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.COURSE_PUBLISHED);
    }

    @Override
    public void handle(IncomingEvent event) {
        CoursePublished published = event.payload(CoursePublished.class);
        KnownCourse known = KnownCourse.findById(published.code());
        KnownCourse course = known != null ? known : new KnownCourse();
        course.code = published.code();
        course.name = published.name();
        course.type = published.type();
        course.programme = published.programme();
        course.updatedAt = Instant.now();
        if (known == null) {
            course.persist();
        }
    }
}
