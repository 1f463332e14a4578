package be.vdab.okot.stats.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard of the packages: the domain produces what the API shows, and never depends on the API. */
class DomainDependenciesTest {

    private static final Pattern API_IMPORT = Pattern.compile("import\\s+(static\\s+)?be\\.vdab\\.okot\\.stats\\.api\\..*");

    @Test
    void noDomainClassImportsTheApiPackage() throws IOException {
        Path domain = Path.of("src/main/java/be/vdab/okot/stats/domain");
        assertThat(domain).isDirectory();
        try (Stream<Path> sources = Files.walk(domain)) {
            List<String> offending = sources.filter(path -> path.toString().endsWith(".java"))
                    .flatMap(source -> readLines(source).stream().map(String::strip)
                            .filter(line -> API_IMPORT.matcher(line).matches())
                            .map(line -> source.getFileName() + ": " + line))
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    private static List<String> readLines(Path source) {
        try {
            return Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
