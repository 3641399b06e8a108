package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MaskingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode document() throws IOException {
        return fixture("masking-document.json");
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = MaskingTest.class.getResourceAsStream("/audit/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void masksPresentFieldsAndSaysWhich() throws IOException {
        Masking.Masked masked = new Masking(List.of("/case/customer/email", "/case/customer/name", "/case/tags/1"))
                .apply(document());

        assertThat(masked.document().at("/case/customer/email").asString()).isEqualTo(Masking.MASK);
        assertThat(masked.document().at("/case/customer/name").asString()).isEqualTo(Masking.MASK);
        assertThat(masked.document().at("/case/tags/1").asString()).isEqualTo(Masking.MASK);
        assertThat(masked.document().at("/case/tags/0").asString()).isEqualTo("first");
        assertThat(masked.document().at("/case/customer/tier").asString()).isEqualTo("gold");
        assertThat(masked.maskedPointers()).containsExactly("/case/customer/email", "/case/customer/name", "/case/tags/1");
    }

    @Test
    void neverChangesTheDocumentItWasGiven() throws IOException {
        JsonNode original = document();
        JsonNode before = original.deepCopy();

        new Masking(List.of("/case/customer/email", "/case/customer/name", "/case/tags/0")).apply(original);

        assertThat(original).isEqualTo(before);
    }

    @Test
    void leavesAbsentNullAndOutOfRangeFieldsAloneAndUnlisted() throws IOException {
        JsonNode original = document();
        Masking.Masked masked = new Masking(List.of("/case/customer/phone", "/case/customer/fax", "/case/tags/7",
                "/nowhere/at/all", "/contractId/deeper")).apply(original);

        assertThat(masked.maskedPointers()).isEmpty();
        assertThat(masked.document()).isEqualTo(original);
    }

    @Test
    void sharesWhatItDoesNotMaskAndCopiesOnlyThePathToAMaskedField() throws IOException {
        JsonNode original = document();
        JsonNode masked = new Masking(List.of("/case/customer/email")).apply(original).document();

        assertThat(masked).isNotSameAs(original);
        assertThat(masked.at("/case")).isNotSameAs(original.at("/case"));
        assertThat(masked.at("/case/sla")).isSameAs(original.at("/case/sla"));
        assertThat(masked.at("/case/tags")).isSameAs(original.at("/case/tags"));
    }

    @Test
    void escapedPointerTokensNameTheirField() throws IOException {
        JsonNode original = fixture("masking-escaped.json");
        Masking.Masked masked = new Masking(List.of("/a~1b/c~0d")).apply(original);

        assertThat(masked.document().at("/a~1b/c~0d").asString()).isEqualTo(Masking.MASK);
        assertThat(masked.maskedPointers()).containsExactly("/a~1b/c~0d");
    }

    @Test
    void refusesPointersThatAreNotJsonPointers() {
        assertThatThrownBy(() -> new Masking(List.of("case/customer"))).isInstanceOf(IllegalArgumentException.class);
    }
}
