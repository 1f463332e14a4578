package be.vdab.okot.runner.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of question 562 that the demo population aims for: verbatim copies of the
 * published CSVs (Eindtotaal rows included), read from {@code demo/q562/} on the classpath.
 */
public final class PublishedTables {

    /** One published table: its header and its rows, cells as text. */
    public record Table(String name, List<String> header, List<List<String>> rows) {

        /** Detail rows only: label → the number in {@code column}. */
        public Map<String, Integer> counts(String column) {
            int index = header.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException(name + " has no column " + column + " (has " + header + ")");
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (List<String> row : rows) {
                if (!row.get(row.size() - 1).equals("total") && !row.get(index).isBlank()) {
                    counts.put(row.get(0), Integer.parseInt(row.get(index)));
                }
            }
            return counts;
        }

        /** Yearly series without a row type: year → value in the second column. */
        public Map<Integer, BigDecimal> series() {
            Map<Integer, BigDecimal> series = new LinkedHashMap<>();
            for (List<String> row : rows) {
                series.put(Integer.parseInt(row.get(0)), new BigDecimal(row.get(1)));
            }
            return series;
        }
    }

    private PublishedTables() {
    }

    public static Table load(String name) {
        String resource = "/demo/q562/" + name + ".csv";
        try (InputStream in = PublishedTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No published table " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published CSVs quote nothing: labels hold no commas. */
    public static Table parse(String name, String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(List.of(line.split(",", -1)));
        }
        return new Table(name, List.of(lines.get(0).split(",", -1)), rows);
    }
}
