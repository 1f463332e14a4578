package be.vdab.okot.outcome.api;

import be.vdab.okot.events.outcome.CourseEnded.Ending;
import be.vdab.okot.outcome.persistence.ClusterState;
import be.vdab.okot.outcome.persistence.OutflowMeasurement;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/** A closed cluster due for, or with, its outflow measurement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterView(
        String clusterId,
        String personId,
        LocalDate clusterEnd,
        Ending ending,
        LocalDate measurementDate,
        LocalDate measuredOn,
        Boolean atWork) {

    public static ClusterView of(ClusterState cluster, OutflowMeasurement measurement) {
        return new ClusterView(cluster.clusterId, cluster.personId, cluster.clusterEnd, cluster.ending,
                cluster.measurementDate, measurement == null ? null : measurement.measuredOn,
                measurement == null ? null : measurement.atWork);
    }
}
