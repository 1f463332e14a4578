package be.vdab.okot.web.logging;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Every log record of every service passes here before it is written (okot-web sets
 * {@code quarkus.log.console.filter} and {@code quarkus.log.file.filter} to {@value #NAME}): the message,
 * formatted with its parameters, and the text of the exception with its causes are replaced by copies in
 * which {@link PersonalData} masked national register numbers, e-mail addresses and phone numbers.
 * Hibernate logs a failed statement's database text (logger {@code org.hibernate.orm.jdbc.error}, e.g. the
 * INSZ of a unique index violation): that text is withheld; its line just before keeps the error code and
 * SQLState. Nothing is dropped: the filter only rewrites.
 */
@LoggingFilter(name = PersonalDataLogFilter.NAME)
public final class PersonalDataLogFilter implements Filter {

    /** The name the handlers' configuration refers to. */
    public static final String NAME = "okot-personal-data";
    /** Hibernate ORM 7's logger of failed statements, and the one of earlier versions. */
    static final Set<String> DATABASE_ERROR_LOGGERS = Set.of("org.hibernate.orm.jdbc.error",
            "org.hibernate.engine.jdbc.spi.SqlExceptionHelper");

    private static final SimpleFormatter PLAIN = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() != null) {
            record.setThrown(PersonalData.sanitise(record.getThrown()));
        }
        String formatted = formatted(record);
        String sanitised;
        if (isDatabaseText(record, formatted)) {
            sanitised = PersonalData.DATABASE_TEXT_WITHHELD;
        } else {
            sanitised = PersonalData.mask(formatted);
        }
        if (sanitised != null && (!sanitised.equals(formatted) || record.getParameters() != null)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(sanitised, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(sanitised);
            }
            record.setParameters(null);
        }
        return true;
    }

    /** Hibernate's line with the database's own text of a failed statement (not the SQLState line). */
    private static boolean isDatabaseText(LogRecord record, String formatted) {
        return record.getLoggerName() != null && DATABASE_ERROR_LOGGERS.contains(record.getLoggerName())
                && formatted != null && !formatted.contains("SQLState");
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getMessage() == null ? null : PLAIN.formatMessage(record);
    }
}
