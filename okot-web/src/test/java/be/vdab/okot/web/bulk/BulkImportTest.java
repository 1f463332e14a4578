package be.vdab.okot.web.bulk;

import be.vdab.okot.web.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One item's outcome: accepted, refused as the single call refuses, or refused alone when the service fails. */
class BulkImportTest {

    @Test
    void anItemTheServiceFailsOnIsRefusedAloneWithA500() {
        BulkImport.Outcome<String> failed = BulkImport.applyOne(3, () -> {
            throw new IllegalStateException("Row 47014 not found in primary index");
        });
        assertThat(failed.accepted()).isFalse();
        assertThat(failed.index()).isEqualTo(3);
        assertThat(failed.refusal().httpStatus()).isEqualTo(500);
        assertThat(failed.refusal().type()).endsWith("/internal");
        assertThat(failed.refusal().detail()).doesNotContain("47014").contains("the others were applied");
    }

    @Test
    void aRefusalIsTheSingleCallsAndAnAnswerIsAccepted() {
        BulkImport.Outcome<String> refused = BulkImport.applyOne(0, () -> {
            throw ApiProblemException.conflict("candidacy-exists", "An open candidacy exists");
        });
        assertThat(refused.refusal().httpStatus()).isEqualTo(409);
        assertThat(refused.refusal().type()).endsWith("/candidacy-exists");
        assertThat(BulkImport.applyOne(1, () -> "id-1").value()).isEqualTo("id-1");
        assertThat(BulkImport.accepted(List.of(refused, BulkImport.applyOne(1, () -> "id-1")))).isEqualTo(1);
    }
}
