package be.vdab.okot.web.logging;

import org.hibernate.exception.ConstraintViolationException;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of log text: national register numbers (INSZ, 11 digits, plain or written
 * {@code 85.07.30-033.28}), e-mail addresses and international phone numbers are masked, and a
 * database's error text (which quotes the row values that broke a constraint) is withheld, keeping its
 * SQLState, error code and constraint name. Used by {@link PersonalDataLogFilter} on every log record and
 * by code that describes an error itself.
 */
public final class PersonalData {

    /** What a national register number becomes. */
    public static final String INSZ_MASK = "[insz]";
    /** What an e-mail address becomes. */
    public static final String EMAIL_MASK = "[e-mail]";
    /** What a phone number becomes. */
    public static final String PHONE_MASK = "[phone]";
    /** What a database's own error text becomes. */
    public static final String DATABASE_TEXT_WITHHELD = "[database message withheld: it can quote personal data]";

    /** 11 digits not part of a longer number; separators as written on an eID: 85.07.30-033.28, 850730 033 28. */
    private static final Pattern INSZ = Pattern.compile(
            "(?<![0-9])[0-9]{2}[.\\- ]?[0-9]{2}[.\\- ]?[0-9]{2}[.\\- ]?[0-9]{3}[.\\- ]?[0-9]{2}(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    /** E.164 with a plus: +32470000000, +32 470 00 00 00. */
    private static final Pattern PHONE = Pattern.compile("\\+[0-9](?:[ .\\-/]?[0-9]){6,14}(?![0-9])");

    private PersonalData() {
    }

    /** The text with every national register number, e-mail address and phone number masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
        masked = PHONE.matcher(masked).replaceAll(PHONE_MASK);
        return INSZ.matcher(masked).replaceAll(INSZ_MASK);
    }

    /**
     * One line for a log: the exception's type and its masked message, database text withheld
     * (e.g. {@code org.hibernate.exception.ConstraintViolationException: could not execute statement
     * [database message withheld ...] (constraint uk_person_insz, SQLState 23505)}).
     */
    public static String describe(Throwable error) {
        return sanitise(error).toString();
    }

    /**
     * A copy of the exception, its causes and suppressed exceptions for a log: same types (as printed),
     * same stack traces, messages masked and database text withheld.
     */
    public static Throwable sanitise(Throwable error) {
        return error == null ? null : sanitise(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable sanitise(Throwable error, Set<Throwable> seen) {
        if (error instanceof SanitisedThrowable || !seen.add(error)) {
            return error instanceof SanitisedThrowable ? error : null;
        }
        Throwable cause = error.getCause();
        Throwable sanitisedCause = cause != null && cause != error ? sanitise(cause, seen) : null;
        SanitisedThrowable copy = new SanitisedThrowable(error.getClass().getName(), message(error), sanitisedCause);
        copy.setStackTrace(error.getStackTrace());
        for (Throwable suppressed : error.getSuppressed()) {
            Throwable sanitisedSuppressed = sanitise(suppressed, seen);
            if (sanitisedSuppressed != null) {
                copy.addSuppressed(sanitisedSuppressed);
            }
        }
        return copy;
    }

    private static String message(Throwable error) {
        if (error instanceof SQLException sql) {
            return DATABASE_TEXT_WITHHELD + " SQLState " + sql.getSQLState() + ", error code " + sql.getErrorCode();
        }
        String message = error.getMessage();
        if (message == null) {
            return null;
        }
        // a wrapper repeats its database cause's text (Hibernate: "could not execute statement [<text>] [<sql>]")
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().length() >= 8) {
                message = message.replace(sql.getMessage(), DATABASE_TEXT_WITHHELD);
            }
        }
        if (error instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
            message = message + " (constraint " + violation.getConstraintName() + ")";
        }
        return mask(message);
    }

    /** Prints as the original exception did: {@code type: message}. */
    static final class SanitisedThrowable extends Throwable {

        private final String type;

        SanitisedThrowable(String type, String message, Throwable cause) {
            super(message, cause, true, true);
            this.type = type;
        }

        /** The type of the original exception. */
        String type() {
            return type;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message != null ? type + ": " + message : type;
        }
    }
}
