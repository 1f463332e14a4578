package be.vdab.okot.messaging.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidStringsWhoseTimeIsNow() {
        long before = System.currentTimeMillis();
        String id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        UUID uuid = UUID.fromString(id);
        assertThat(id).hasSize(36).isEqualTo(uuid.toString());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeOneAfterAnotherSortOneAfterAnotherAsStrings() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void parallelThreadsNeverGetTheSameId() {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        IntStream.range(0, 8).parallel().forEach(thread -> {
            for (int i = 0; i < 20_000; i++) {
                ids.add(TimeOrderedIds.next());
            }
        });
        assertThat(ids).hasSize(160_000).doesNotHaveDuplicates();
    }
}
