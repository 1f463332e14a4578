package be.vdab.okot.stats.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreRebuildPassesTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aLogWhoseFactsFitInHalfTheFreeHeapIsFoldedInOnePass() {
        assertThat(StoreRebuild.passes(100_000, 600, 400 * MB)).isEqualTo(1);
        assertThat(StoreRebuild.passes(0, 600, 400 * MB)).isEqualTo(1);
    }

    @Test
    void aBiggerLogTakesAsManyPassesAsItsFactsFillHalvesOfTheFreeHeap() {
        // the national population: 1.19 M records at 600 bytes, 190 MB free: 714 MB in halves of 95 MB
        assertThat(StoreRebuild.passes(1_190_000, 600, 190 * MB)).isEqualTo(8);
        assertThat(StoreRebuild.passes(1_000_000, 500, 500 * MB)).isEqualTo(2);
    }

    @Test
    void passesAreBounded() {
        assertThat(StoreRebuild.passes(1_000_000_000, 600, MB)).isEqualTo(64);
        assertThat(StoreRebuild.passes(1_000, 600, 0)).isEqualTo(64);
    }
}
