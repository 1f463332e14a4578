package be.vdab.okot.intake.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The Belgian national register number (INSZ/NISS): YYMMDD, a 3-digit serial and a mod-97
 * check on the first nine digits, with a leading 2 for people born from 2000 on.
 * Bis numbers add 20 or 40 to the month; month 00 means the birth date is not fully known.
 */
public final class Insz {

    private static final Pattern ELEVEN_DIGITS = Pattern.compile("\\d{11}");

    private Insz() {
    }

    public static boolean hasValidFormat(String insz) {
        return insz != null && ELEVEN_DIGITS.matcher(insz).matches();
    }

    /** Whether the check digits fit the first nine digits under the pre-2000 or the post-2000 rule. */
    public static boolean hasValidCheckDigits(String insz) {
        return hasValidFormat(insz) && (bornBefore2000(insz) || bornFrom2000(insz));
    }

    /**
     * Whether the birth date agrees with the number: for an ordinary number with a full date,
     * YYMMDD must be that date in the century its check digits point to. Bis numbers (month
     * + 20 or + 40) and numbers with an unknown day or month carry no date to compare.
     */
    public static boolean isConsistentWith(String insz, LocalDate birthDate) {
        if (!hasValidCheckDigits(insz)) {
            return false;
        }
        int yy = Integer.parseInt(insz.substring(0, 2));
        int month = Integer.parseInt(insz.substring(2, 4));
        int day = Integer.parseInt(insz.substring(4, 6));
        if (month < 1 || month > 12 || day < 1) {
            return true;
        }
        // in rare cases both rules give the same check digits: either century is then possible
        return bornBefore2000(insz) && sameDate(1900 + yy, month, day, birthDate)
                || bornFrom2000(insz) && sameDate(2000 + yy, month, day, birthDate);
    }

    private static boolean sameDate(int year, int month, int day, LocalDate birthDate) {
        try {
            return LocalDate.of(year, month, day).equals(birthDate);
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean bornBefore2000(String insz) {
        long firstNine = Long.parseLong(insz.substring(0, 9));
        return 97 - firstNine % 97 == checkDigits(insz);
    }

    private static boolean bornFrom2000(String insz) {
        long firstNine = Long.parseLong("2" + insz.substring(0, 9));
        return 97 - firstNine % 97 == checkDigits(insz);
    }

    private static int checkDigits(String insz) {
        return Integer.parseInt(insz.substring(9, 11));
    }
}
