package be.vdab.okot.web.logging;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataLogFilterTest {

    private final PersonalDataLogFilter filter = new PersonalDataLogFilter();

    @Test
    void masksNationalRegisterNumbersPlainAndFormattedEmailsAndPhones() {
        assertThat(PersonalData.mask("insz 85073003328, eID 85.07.30-033.28, 850730 033 28, 850730-033.28"))
                .isEqualTo("insz [insz], eID [insz], [insz], [insz]");
        assertThat(PersonalData.mask("mail an.peeters@example.org or Els.De-Smet+okot@ocmw-gent.example.be"))
                .isEqualTo("mail [e-mail] or [e-mail]");
        assertThat(PersonalData.mask("call +32470000000 or +32 9 266 00 00")).isEqualTo("call [phone] or [phone]");
        // what is not personal stays: ids, counts, longer numbers, dates, token subjects without a domain
        String ordinary = "candidacy 3f6c2a1e-0b7d-4c1e-9d2a-5e8f7a6b4c3d, 120 events, offset 123456789012, "
                + "2026-11-29T19:18:19.123Z, sub social-worker@ocmw-gent, port 8081";
        assertThat(PersonalData.mask(ordinary)).isEqualTo(ordinary);
    }

    @Test
    void rewritesTheFormattedMessageOfARecord() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "person %s (%s) refused", ExtLogRecord.FormatStyle.PRINTF,
                "test");
        record.setParameters(new Object[] {"85073003328", "an.peeters@example.org"});

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("person [insz] ([e-mail]) refused");
    }

    @Test
    void rewritesTheExceptionChainKeepingTypesAndStackTraces() {
        SQLIntegrityConstraintViolationException database = new SQLIntegrityConstraintViolationException(
                "Unique index or primary key violation: \"PUBLIC.UK_PERSON_INSZ ON PUBLIC.PERSON(INSZ) VALUES "
                        + "( /* 1 */ '85073003328' )\"; SQL statement: insert into person ...", "23505", 23505);
        ConstraintViolationException hibernate = new ConstraintViolationException(
                "could not execute statement [" + database.getMessage() + "] [insert into person (insz) values (?)]",
                database, "uk_person_insz");
        RuntimeException top = new IllegalStateException("while saving Peeters, 85.07.30-033.28", hibernate);
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Unexpected error", "test");
        record.setThrown(top);

        filter.isLoggable(record);

        String printed = printed(record.getThrown());
        assertThat(printed).doesNotContain("85073003328", "85.07.30-033.28", "VALUES")
                .contains("java.lang.IllegalStateException: while saving Peeters, [insz]")
                .contains("Caused by: org.hibernate.exception.ConstraintViolationException: could not execute statement ["
                        + PersonalData.DATABASE_TEXT_WITHHELD + "] [insert into person (insz) values (?)] (constraint uk_person_insz)")
                .contains("Caused by: java.sql.SQLIntegrityConstraintViolationException: "
                        + PersonalData.DATABASE_TEXT_WITHHELD + " SQLState 23505, error code 23505")
                .contains("at " + getClass().getName());
        assertThat(record.getThrown().getStackTrace()).isEqualTo(top.getStackTrace());
    }

    @Test
    void withholdsTheDatabaseTextHibernateLogsAndKeepsItsSqlState() {
        String logger = "org.hibernate.orm.jdbc.error";
        ExtLogRecord state = new ExtLogRecord(Level.WARNING, "HHH000247: ErrorCode: 23505, SQLState: 23505", logger);
        state.setLoggerName(logger);
        ExtLogRecord text = new ExtLogRecord(Level.WARNING, "Unique index or primary key violation: \"PUBLIC.UK_PERSON_INSZ "
                + "ON PUBLIC.PERSON(INSZ) VALUES ( /* 3 */ 'Peeters' )\"; SQL statement: insert into person ...", logger);
        text.setLoggerName(logger);

        filter.isLoggable(state);
        filter.isLoggable(text);

        assertThat(state.getFormattedMessage()).isEqualTo("HHH000247: ErrorCode: 23505, SQLState: 23505");
        assertThat(text.getFormattedMessage()).isEqualTo(PersonalData.DATABASE_TEXT_WITHHELD);
    }

    @Test
    void describesAnErrorByItsTypeAndSanitisedMessage() {
        assertThat(PersonalData.describe(new IllegalArgumentException("no such person 85073003328")))
                .isEqualTo("java.lang.IllegalArgumentException: no such person [insz]");
    }

    private static String printed(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
