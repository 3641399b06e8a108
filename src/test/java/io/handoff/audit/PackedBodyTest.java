package io.handoff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;

/** The packed body is a plain zlib stream any tool reads, and reading one never trusts what the row holds. */
class PackedBodyTest {

    @Test
    void packsToAZlibStreamThatInflatesToTheTextExactly() throws Exception {
        String body = "{\"decisionId\":\"d-1\",\"note\":\"caf\u00e9 \ud83d\ude00\",\"trace\":[" + "{\"ruleId\":\"GATE-CS-010\"},".repeat(200) + "{}]}";
        byte[] packed = PackedBody.pack(body);
        assertThat(packed.length).isLessThan(body.length() / 4);
        assertThat(new String(PackedBody.unpack(packed), StandardCharsets.UTF_8)).isEqualTo(body);
        // an independent reader (the JDK's stream classes, as any zlib tool) reads the same text
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(packed))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
        assertThat(PackedBody.pack(body)).as("the pooled deflater starts afresh").isEqualTo(packed);
        assertThat(new String(PackedBody.unpack(PackedBody.pack("")), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void bytesThatAreNoWholeZlibStreamAreRefusedNotGuessed() {
        byte[] packed = PackedBody.pack("{\"a\":1}");
        assertThatThrownBy(() -> PackedBody.unpack(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedBody.unpack(Arrays.copyOf(packed, packed.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole zlib stream");
        byte[] trailing = Arrays.copyOf(packed, packed.length + 2);
        assertThatThrownBy(() -> PackedBody.unpack(trailing)).hasMessageContaining("bytes after its zlib stream");
        assertThatThrownBy(() -> PackedBody.unpack(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /** A row rewritten to a zlib bomb (a few KB that inflate to gigabytes) stops at the cap instead of filling the heap. */
    @Test
    void aZlibBombStopsAtTheCap() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bomb, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 2 * PackedBody.MAX_INFLATED / zeros.length; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(1 << 20);
        assertThatThrownBy(() -> PackedBody.unpack(bomb.toByteArray())).hasMessageContaining("inflates to more than");
    }
}
