package be.vdab.okot.stats.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdSetTest {

    @Test
    void anIdIsNewOnceWhateverItsForm() {
        EventIdSet seen = new EventIdSet();
        String uuid = UUID.randomUUID().toString();
        assertThat(seen.add(uuid)).isTrue();
        assertThat(seen.add(uuid)).isFalse();
        // not canonical: the upper-case spelling and a short form are other ids, as they are to the processed-event table
        assertThat(seen.add(uuid.toUpperCase())).isTrue();
        assertThat(seen.add("1-1-1-1-1")).isTrue();
        assertThat(seen.add("00000001-0001-0001-0001-000000000001")).isTrue();
        assertThat(seen.add("1-1-1-1-1")).isFalse();
        assertThat(seen.add("order-42")).isTrue();
        assertThat(seen.add("order-42")).isFalse();
        assertThat(seen.size()).isEqualTo(5);
    }

    @Test
    void idsSharingTheirHighBitsStayApart() {
        EventIdSet seen = new EventIdSet();
        UUID first = new UUID(42, 1);
        UUID second = new UUID(42, 2);
        UUID third = new UUID(42, 3);
        assertThat(seen.add(first.toString())).isTrue();
        assertThat(seen.add(second.toString())).isTrue();
        assertThat(seen.add(third.toString())).isTrue();
        assertThat(seen.add(second.toString())).isFalse();
        assertThat(seen.add(first.toString())).isFalse();
        assertThat(seen.add(third.toString())).isFalse();
    }

    @Test
    void agreesWithASetOfStrings() {
        EventIdSet seen = new EventIdSet();
        Set<String> strings = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // few distinct high halves, so that many ids share them
            String id = new UUID(random.nextInt(64), random.nextInt(5_000)).toString();
            assertThat(seen.add(id)).isEqualTo(strings.add(id));
        }
        assertThat(seen.size()).isEqualTo(strings.size());
    }
}
