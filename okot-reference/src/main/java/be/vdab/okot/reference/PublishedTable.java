package be.vdab.okot.reference;

import java.util.List;

/**
 * One published table, cell for cell as transcribed in {@code shared/reference} (see {@code INDEX.md} §0).
 *
 * <p>Shape: {@code header} names the columns (short English snake_case); every row has exactly one text
 * cell per column, in the header's order, and the rows are in the published order, the published total
 * row included. Cells are kept as published:
 * <ul>
 *   <li>category labels verbatim, in a {@code *_nl} column or {@code sex} ({@code M}/{@code V}): e.g.
 *       {@code 1 ste jaar} with its space, {@code Se-n-se} and {@code Se-n-Se} as printed; training codes
 *       such as {@code 908001} are text;</li>
 *   <li>counts as whole numbers without thousands separator ({@code 1.492} printed is {@code 1492});</li>
 *   <li>every {@code *_pct} column in <b>percent units</b> with the printed decimals ({@code 77.34} is
 *       77.34 %), as is the {@code value} of a row whose {@code unit} is {@code percent} in q315's general outflow;</li>
 *   <li>an <b>empty cell is the empty string</b>, never 0: a blank as published (INDEX.md says where the
 *       totals show that it means 0);</li>
 *   <li>{@code row_type}, where present, is {@code detail} for a data row, {@code subtotal} for a q315 module
 *       row (= M + V) and {@code total} for the published Eindtotaal/Totaal row; yearly series have no
 *       {@code row_type} and no total row.</li>
 * </ul>
 *
 * @param name   the table's name: its CSV file name without {@code .csv}
 * @param source the written question, seed document and answer part the table comes from
 * @param header the column names of the CSV's first line
 * @param rows   the data lines, each a list of {@code header.size()} cells
 */
public record PublishedTable(String name, Source source, List<String> header, List<List<String>> rows) {

    /** The name of the row-type column, where a table has one. */
    public static final String ROW_TYPE = "row_type";

    public PublishedTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(name + ": a row of " + row.size() + " cells under a header of "
                        + header.size() + " columns: " + row);
            }
        }
    }

    /** @return the index of {@code column} in the header; {@link IllegalArgumentException} if the table has none */
    public int column(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(name + " has no column " + column + " (has " + header + ")");
        }
        return index;
    }

    /** @return whether the table has a {@code row_type} column (yearly series and q315's vertical tables have none) */
    public boolean hasRowTypes() {
        return header.contains(ROW_TYPE);
    }

    /** @return the rows whose {@code row_type} is {@code rowType} ({@code detail}, {@code subtotal}, {@code total}) */
    public List<List<String>> rowsOfType(String rowType) {
        int index = column(ROW_TYPE);
        return rows.stream().filter(row -> row.get(index).equals(rowType)).toList();
    }

    /** @return the data rows: those of {@code row_type} {@code detail}, or every row of a table without row types */
    public List<List<String>> detailRows() {
        return hasRowTypes() ? rowsOfType("detail") : rows;
    }

    /** @return the cell of {@code row} in {@code column}, as published ({@code ""} for a blank) */
    public String cell(List<String> row, String column) {
        return row.get(column(column));
    }
}
