package be.vdab.okot.e2e;

import be.vdab.okot.runner.Platform.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No personal data in logs (issue 12): candidacies are posted to the running platform — valid ones, twins
 * of a new person racing each other (the unique index on the INSZ fires), invalid ones — and then every
 * log file the platform wrote (broker and four services) is scanned for each national register number
 * posted, plain and written as on an eID, and for each e-mail address: none may appear.
 */
class PersonalDataStaysOutOfLogsIT {

    private static final int TWINS = 4;
    private static final int ROUNDS = 6;

    /** Serials 900-949 of birth dates in 1961: kept apart from the other end-to-end tests and the demo. */
    private static int serial = 900;

    private final Set<String> posted = new LinkedHashSet<>();

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void noNationalRegisterNumberOrEmailAddressReachesAnyLog() throws Exception {
        String token = RunningPlatform.token("counsellor");
        // the catalogue reaches intake-service asynchronously from enrolment-service: right after start-up
        // the course may still be unknown there (422) for a moment
        String first = candidacy(nextInsz(LocalDate.of(1961, 3, 1)), LocalDate.of(1961, 3, 1), "first@mail.example.be",
                selfReferral());
        assertThat(await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> post(token, first), answer -> answer.statusCode() != 422).statusCode()).isEqualTo(201);

        // valid candidacies, with e-mail addresses, one of them an OCMW referral
        for (int i = 0; i < 3; i++) {
            String insz = nextInsz(LocalDate.of(1961, 3, 10 + i));
            assertThat(post(token, candidacy(insz, LocalDate.of(1961, 3, 10 + i), "person" + i + "@mail.example.be", selfReferral()))
                    .statusCode()).isEqualTo(201);
        }
        String ocmwInsz = nextInsz(LocalDate.of(1961, 4, 1));
        assertThat(post(token, candidacy(ocmwInsz, LocalDate.of(1961, 4, 1), "client@mail.example.be",
                "{ \"kind\": \"OCMW\", \"ocmwId\": \"ocmw-logtest\", \"socialWorker\": { \"name\": \"Els\", "
                        + "\"email\": \"" + remember("els.logtest@ocmw.example.be") + "\" } }")).statusCode()).isEqualTo(201);

        // twins of a new person, at the same moment, without Idempotency-Key: the unique INSZ index decides
        ExecutorService pool = Executors.newFixedThreadPool(TWINS);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                LocalDate birthDate = LocalDate.of(1961, 5, 1 + round);
                String body = candidacy(nextInsz(birthDate), birthDate, "twin" + round + "@mail.example.be", selfReferral());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < TWINS; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return post(token, body).statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(60, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("E2E: twin candidacies answered " + statuses);
        assertThat(statuses).contains(201);

        // invalid ones: a wrong check digit, a bad e-mail address, an unknown course, a body that is no candidacy
        String valid = nextInsz(LocalDate.of(1961, 6, 1));
        String wrongCheck = valid.substring(0, 9) + String.format("%02d", (Integer.parseInt(valid.substring(9)) + 1) % 100);
        posted.add(wrongCheck);
        assertThat(post(token, candidacy(wrongCheck, LocalDate.of(1961, 6, 1), "wrong.check@mail.example.be", selfReferral()))
                .statusCode()).isEqualTo(400);
        String badMail = nextInsz(LocalDate.of(1961, 6, 2));
        assertThat(post(token, candidacy(badMail, LocalDate.of(1961, 6, 2), "not-an-address@", selfReferral()))
                .statusCode()).isEqualTo(400);
        String unknownCourse = nextInsz(LocalDate.of(1961, 6, 3));
        assertThat(post(token, candidacy(unknownCourse, LocalDate.of(1961, 6, 3), "unknown.course@mail.example.be", selfReferral())
                .replace("pba-verpleegkunde", "no-such-course")).statusCode()).isEqualTo(422);
        String wrongType = nextInsz(LocalDate.of(1961, 6, 4));
        assertThat(post(token, "{ \"person\": { \"insz\": " + wrongType.substring(0, 9) + ", \"email\": \""
                + remember("wrong.type@mail.example.be") + "\" }, \"courseCode\": 7 }").statusCode()).isEqualTo(400);

        // whatever the services log about these requests has been written by now (the console is unbuffered);
        // give the consumers a moment to apply the events too
        Thread.sleep(2_000);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(RunningPlatform.logsDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String log = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String value : posted) {
                    if (log.contains(value)) {
                        found.add(file.getFileName() + ": " + value + " in \"" + excerpt(log, value) + "\"");
                    }
                }
            }
        }
        System.out.printf("E2E: %d personal values posted, %d log files scanned%n", posted.size(), logFiles());
        assertThat(found).as("personal data in the platform's logs").isEmpty();
    }

    private String nextInsz(LocalDate birthDate) {
        String firstNine = String.format("%02d%02d%02d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), serial++);
        String insz = firstNine + String.format("%02d", 97 - Long.parseLong(firstNine) % 97);
        posted.add(insz);
        // as written on an eID card: 61.03.10-900.xx
        posted.add(insz.substring(0, 2) + "." + insz.substring(2, 4) + "." + insz.substring(4, 6) + "-"
                + insz.substring(6, 9) + "." + insz.substring(9));
        return insz;
    }

    private String remember(String value) {
        posted.add(value);
        return value;
    }

    private String candidacy(String insz, LocalDate birthDate, String email, String referral) {
        return """
                { "person": { "insz": "%s", "firstName": "Logtest", "lastName": "Persoon",
                              "birthDate": "%s", "gender": "V", "email": "%s", "phone": "+32470001122",
                              "registeredAsJobSeeker": true, "working": false,
                              "holdsTargetQualification": false, "inTemporaryWorkExperience": false },
                  "courseCode": "pba-verpleegkunde", "province": "ANT", "referral": %s }"""
                .formatted(insz, birthDate, remember(email), referral);
    }

    private static String selfReferral() {
        return "{ \"kind\": \"SELF\" }";
    }

    private static Response post(String token, String body) {
        return given().baseUri(RunningPlatform.url(Service.INTAKE)).auth().oauth2(token)
                .contentType(ContentType.JSON).body(body).when().post("/candidacies");
    }

    private static String excerpt(String log, String value) {
        int at = log.indexOf(value);
        return log.substring(Math.max(0, at - 120), Math.min(log.length(), at + value.length() + 40)).replace('\n', ' ');
    }

    private static long logFiles() throws IOException {
        try (Stream<Path> files = Files.list(RunningPlatform.logsDir())) {
            return files.count();
        }
    }
}
