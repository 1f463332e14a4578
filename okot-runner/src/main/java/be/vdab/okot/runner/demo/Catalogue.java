package be.vdab.okot.runner.demo;

import java.util.List;

/** The part of enrolment-service's catalogue the demo needs: OKOT courses and where they are offered. */
public record Catalogue(List<Course> courses, List<Offer> offers) {

    /** {@code sector} may be null (a course of no sector). */
    public record Course(String code, String name, String type, String programme, List<TrainingYear> trainingYears,
                         String sector) {
    }

    /** {@code name} may be null. */
    public record TrainingYear(String code, int year, boolean finalYear, String name) {
    }

    public record Offer(int year, String courseCode, String province, List<String> schools) {
    }
}
