package be.vdab.okot.runner.demo;

import be.vdab.okot.reference.PublishedTable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published tables as the demo reads them: the copies shipped in okot-reference
 * ({@link be.vdab.okot.reference.PublishedTables}, Eindtotaal rows included), or another copy of
 * {@code shared/reference} given with {@code ./okot demo --reference DIR}.
 */
public final class PublishedTables {

    /** One published table: its header and its rows, cells as text (a blank is {@code ""}). */
    public record Table(String name, List<String> header, List<List<String>> rows) {

        /** Detail rows only: label (first column) → the number in {@code column}; blanks are left out. */
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

    /** @return the shipped table {@code name}, e.g. {@code q562_2020_starts_by_age} */
    public static Table load(String name) {
        return of(be.vdab.okot.reference.PublishedTables.table(name));
    }

    /** @return table {@code name} from {@code directory}, or the shipped one when {@code directory} is {@code null} */
    public static Table load(Path directory, String name) {
        return directory == null ? load(name) : of(be.vdab.okot.reference.PublishedTables.table(directory, name));
    }

    private static Table of(PublishedTable table) {
        return new Table(table.name(), table.header(), table.rows());
    }
}
