package be.vdab.okot.events;

import java.util.List;

/** The Kafka topics of the platform: each service publishes on its own topic only. */
public final class Topics {

    public static final String INTAKE = "okot.intake.v1";
    public static final String ENROLMENT = "okot.enrolment.v1";
    public static final String OUTCOME = "okot.outcome.v1";

    public static final List<String> ALL = List.of(INTAKE, ENROLMENT, OUTCOME);

    /** Dead-letter topic of one consuming service: events it could not decode or accept. */
    public static String deadLetter(String serviceName) {
        return "okot.dlq." + serviceName;
    }

    private Topics() {
    }
}
