package be.vdab.okot.web.calendar;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar of every OKOT service. "Today" is the Brussels calendar day everywhere — the default
 * date of a step, "not in the future" checks (also {@code @PastOrPresent}, through the {@link ClockProvider}
 * this class produces) and whether a figure is provisional — so a step registered at 00:30 in Brussels
 * belongs to that day on every service, whatever the server's time zone. The history window
 * ({@link HistoryWindow}) is checked by every write and every read.
 *
 * <p>Settings: {@code okot.history.start} (ISO date, default 2012-01-01: the published series start with
 * the starters of 2013 and the outflow of 2014, i.e. clusters closed from October 2013, whose contracts
 * and candidacies go back into 2012 — seed 000, q562) and {@code okot.history.horizon-years} (default 2:
 * contracts and probable start dates are registered ahead of time, a training year lasts up to 15 months).
 */
@Singleton
public class BusinessCalendar {

    /** Dates of the candidates' steps are Belgian calendar dates. */
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private final LocalDate historyStart;
    private final int horizonYears;
    private final Clock clock;

    @jakarta.inject.Inject
    BusinessCalendar(@ConfigProperty(name = "okot.history.start", defaultValue = "2012-01-01") LocalDate historyStart,
                     @ConfigProperty(name = "okot.history.horizon-years", defaultValue = "2") int horizonYears) {
        this(historyStart, horizonYears, Clock.system(BRUSSELS));
    }

    /** For unit tests: a fixed clock. */
    public BusinessCalendar(LocalDate historyStart, int horizonYears, Clock clock) {
        if (horizonYears < 0) {
            throw new IllegalArgumentException("okot.history.horizon-years must not be negative");
        }
        this.historyStart = historyStart;
        this.horizonYears = horizonYears;
        this.clock = clock.withZone(BRUSSELS);
    }

    /** Today's Brussels calendar day. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The days the platform records and reports, as of today. */
    public HistoryWindow window() {
        return new HistoryWindow(historyStart, LocalDate.of(today().getYear() + horizonYears, 12, 31));
    }

    /** Bean Validation's notion of "now" ({@code @PastOrPresent}, {@code @Past}) on the Brussels calendar. */
    @Produces
    @Singleton
    ClockProvider brusselsClockProvider() {
        return () -> clock;
    }
}
