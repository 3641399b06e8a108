package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The body cap has a ceiling: a contract is recorded whole, and every stored record must stay readable. */
class ApiPropertiesTest {
    @Test
    void aBodyCapAbove16MegabytesStopsTheStartWithTheReason() {
        assertThat(new ApiProperties(DataSize.ofMegabytes(16)).maxBodySize()).isEqualTo(DataSize.ofMegabytes(16));
        assertThatThrownBy(() -> new ApiProperties(DataSize.ofMegabytes(17)))
                .hasMessageContaining("handoff.api.max-body-size").hasMessageContaining("must stay readable");
    }
}
