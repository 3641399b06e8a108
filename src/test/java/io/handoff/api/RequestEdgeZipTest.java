package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which bodies the edge leaves to the ruleset zip reader: exactly application/zip, whatever its parameters or case. */
class RequestEdgeZipTest {
    @Test
    void onlyTheZipTypeItselfIsLeftToTheZipReader() {
        for (String zip : new String[] {"application/zip", "APPLICATION/ZIP", "application/zip;", "application/zip; charset=UTF-8",
                "application/zip; charset=binary", "application/zip;foo"}) {
            assertThat(RequestEdge.isZip(zip)).as(zip).isTrue();
        }
        for (String other : new String[] {"application/zip+json", "application/json", "application/x-zip-compressed",
                "application/octet-stream", "text/plain", "", "zip"}) {
            assertThat(RequestEdge.isZip(other)).as(other).isFalse();
        }
        assertThat(RequestEdge.isZip(null)).isFalse();
    }
}
