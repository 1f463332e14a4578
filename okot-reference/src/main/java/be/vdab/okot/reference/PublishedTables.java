package be.vdab.okot.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The tables the Flemish Parliament was given about OKOT, shipped with the project: the 35 CSVs of
 * {@code shared/reference} (written questions 562, 74 and 315), its {@code INDEX.md} and {@code GLOSSARY.md},
 * byte for byte, on the classpath under {@value #FOLDER}, and each table's {@link Source} from
 * {@code sources.csv} (written from INDEX.md §1). Seeds 001 (the care sector, 2023) and 003 (the OCMW note)
 * hold no tables; their figures are in INDEX.md §7.
 *
 * <p>The CSVs are UTF-8, RFC 4180, one header line; {@link PublishedTable} says how cells are kept.
 */
public final class PublishedTables {

    /** The classpath folder of the shipped copies of {@code shared/reference}. */
    public static final String FOLDER = "/be/vdab/okot/reference/published/";

    /** The two documents shipped with the tables. */
    public static final List<String> DOCUMENTS = List.of("INDEX.md", "GLOSSARY.md");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final Map<String, Source> SOURCES = readSources();
    private static final Map<String, PublishedTable> TABLES = new ConcurrentHashMap<>();

    private PublishedTables() {
    }

    /** @return the names of the 35 tables (file names without {@code .csv}), in INDEX.md's order: q562, q74, q315 */
    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    /** @return the names of the tables of written question {@code question} (562, 74 or 315), in INDEX.md's order */
    public static List<String> names(int question) {
        return SOURCES.values().stream().filter(source -> source.question() == question).map(Source::table).toList();
    }

    /** @return where table {@code name} comes from; {@link IllegalArgumentException} for a name not published */
    public static Source source(String name) {
        Source source = SOURCES.get(name);
        if (source == null) {
            throw new IllegalArgumentException("No published table " + name + " (there are " + SOURCES.keySet() + ")");
        }
        return source;
    }

    /** @return the shipped table {@code name} (e.g. {@code q74_onderwijs_starts_by_training_year}), parsed once */
    public static PublishedTable table(String name) {
        Source source = source(name);
        return TABLES.computeIfAbsent(name,
                ignored -> parse(source, new String(file(name + ".csv"), StandardCharsets.UTF_8)));
    }

    /**
     * The table {@code name} from another copy of the transcription (e.g. {@code ./okot demo --reference DIR}):
     * {@code directory/name.csv}, with the shipped source.
     */
    public static PublishedTable table(Path directory, String name) {
        Source source = source(name);
        try {
            return parse(source, Files.readString(directory.resolve(name + ".csv"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param fileName a table's {@code name.csv}, {@code INDEX.md} or {@code GLOSSARY.md}
     * @return the shipped file, byte for byte as in {@code shared/reference}
     */
    public static byte[] file(String fileName) {
        try (InputStream in = PublishedTables.class.getResourceAsStream(FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No shipped file " + FOLDER + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every shipped file name: the tables' {@code name.csv} and then {@link #DOCUMENTS} */
    public static List<String> files() {
        return Stream.concat(SOURCES.keySet().stream().map(name -> name + ".csv"), DOCUMENTS.stream()).toList();
    }

    private static PublishedTable parse(Source source, String csv) {
        List<List<String>> lines = lines(new StringReader(csv));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source.table() + ".csv has no header");
        }
        return new PublishedTable(source.table(), source, lines.get(0), lines.subList(1, lines.size()));
    }

    private static List<List<String>> lines(Reader csv) {
        try (MappingIterator<List<String>> lines = CSV.readerForListOf(String.class).readValues(csv)) {
            return lines.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Source> readSources() {
        try (InputStream in = PublishedTables.class.getResourceAsStream("sources.csv")) {
            if (in == null) {
                throw new IllegalStateException("sources.csv is not on the classpath next to " + PublishedTables.class);
            }
            List<List<String>> lines = lines(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            List<String> header = lines.get(0);
            Map<String, Source> sources = new LinkedHashMap<>();
            for (List<String> line : lines.subList(1, lines.size())) {
                Source source = new Source(line.get(header.indexOf("table")),
                        Integer.parseInt(line.get(header.indexOf("question"))), line.get(header.indexOf("seed_file")),
                        LocalDate.parse(line.get(header.indexOf("question_date"))), line.get(header.indexOf("answer")),
                        line.get(header.indexOf("counted")));
                sources.put(source.table(), source);
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
