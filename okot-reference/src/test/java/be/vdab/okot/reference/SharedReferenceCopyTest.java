package be.vdab.okot.reference;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped tables are the transcription of {@code shared/reference}, byte for byte, and nothing else.
 * The comparison needs that folder next to the project (system property {@code okot.shared.reference}, set by
 * this module's pom to {@code ../../shared/reference}); it is skipped in a clone without it.
 */
class SharedReferenceCopyTest {

    @Test
    void everyShippedFileEqualsTheFileOfTheSameNameInSharedReferenceAndTheNamesAreTheSame() throws IOException {
        Path shared = Path.of(System.getProperty("okot.shared.reference", "../../shared/reference"));
        assumeTrue(Files.isDirectory(shared), "no " + shared.toAbsolutePath().normalize() + " next to the project");

        assertThat(PublishedTables.files()).as("the shipped files against " + shared)
                .containsExactlyInAnyOrderElementsOf(fileNames(shared));
        for (String file : PublishedTables.files()) {
            byte[] shipped = PublishedTables.file(file);
            byte[] published = Files.readAllBytes(shared.resolve(file));
            assertThat(new String(shipped, StandardCharsets.UTF_8)).as(file)
                    .isEqualTo(new String(published, StandardCharsets.UTF_8));
            assertThat(shipped).as(file + ", byte for byte").isEqualTo(published);
        }
    }

    @Test
    void theShippedFolderHoldsTheListedFilesOnly() throws IOException, URISyntaxException {
        Path shipped = Path.of(PublishedTables.class.getResource(PublishedTables.FOLDER).toURI());

        assertThat(fileNames(shipped)).containsExactlyInAnyOrderElementsOf(PublishedTables.files());
        assertThat(PublishedTables.files()).hasSize(37).contains("INDEX.md", "GLOSSARY.md");
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
