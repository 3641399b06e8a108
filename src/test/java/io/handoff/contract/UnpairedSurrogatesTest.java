package io.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The edge's byte scan finds exactly the escapes that spell half a surrogate pair, and nothing that only looks like one. */
class UnpairedSurrogatesTest {
    private static int scan(String json) {
        return UnpairedSurrogates.firstEscape(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void halfAPairIsFoundWhereItStarts() {
        assertThat(scan("{\"a\":\"x\\ud800\"}")).isEqualTo(7);
        assertThat(scan("{\"a\":\"\\udc00\"}")).isEqualTo(6);
        assertThat(scan("{\"a\":\"\\ud800\\u0041\"}")).isEqualTo(6); // a high half followed by another escape
        assertThat(scan("{\"a\":\"\\uD800\"}")).isEqualTo(6); // upper-case hex
        assertThat(scan("{\"a\":\"\\udc00\\ud800\"}")).isEqualTo(6); // the halves in the wrong order
        assertThat(scan("{\"a\":\"\\ud83d\\ude00\\ud800\"}")).isEqualTo(18); // after a whole pair
        assertThat(scan("{\"a\":\"\\ud800")).isEqualTo(6); // at the very end
    }

    @Test
    void wholePairsEscapedBackslashesAndOtherEscapesAreText() {
        assertThat(scan("{\"a\":\"\\ud83d\\ude00\"}")).isEqualTo(-1);
        assertThat(scan("{\"a\":\"\\\\ud800\"}")).isEqualTo(-1); // a backslash, then the letters "ud800"
        assertThat(scan("{\"a\":\"\\\\\\\\ud800\"}")).isEqualTo(-1);
        assertThat(scan("{\"a\":\"\\u00e9\\n\\t\\\"\"}")).isEqualTo(-1);
        assertThat(scan("{\"a\":\"\\u12\"}")).isEqualTo(-1); // not an escape at all: the parser refuses it
        assertThat(scan("\\")).isEqualTo(-1);
        assertThat(scan("")).isEqualTo(-1);
    }

    @Test
    void locateNamesThePointerLineAndColumnOfTheStringThatHoldsIt() {
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(UnpairedSurrogates.locate(mapper, "{\"a\":\"ok\",\n \"b\":[1,\"x\\udc00\"]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new UnpairedSurrogates.Found("/b/1", 2, 9)); // where the string starts
        // a field given twice: the one that holds it, where it is (a tree keeps only the last)
        assertThat(UnpairedSurrogates.locate(mapper, "{\"a\":\"\\ud800\",\"a\":\"ok\",\"b\":\"\\udc00\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new UnpairedSurrogates.Found("/a", 1, 6));
        assertThat(UnpairedSurrogates.locate(mapper, "{\"a\":\"\\ud800\"".getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(UnpairedSurrogates.locate(mapper, "{\"a\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(UnpairedSurrogates.locate(mapper, "not json \\ud800".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /** A contract that does not come over HTTP (a file for the command line, a case) is refused by the reader itself. */
    @Test
    void theContractReaderRefusesItWithPointerLineAndColumn() {
        byte[] contract = "{\"contractId\": \"HC-1\",\n  \"summary\": \"x\\ud800\"}".getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContractValidator().parse(contract))
                .isInstanceOfSatisfying(MalformedContractException.class, e -> {
                    assertThat(e.getMessage()).contains("/summary").contains("unpaired UTF-16 surrogate");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(14);
                });
    }

    @Test
    void unpairedTextIsTheSameRuleOnDecodedStrings() {
        assertThat(io.handoff.text.Surrogates.unpaired("x\ud800")).isTrue();
        assertThat(io.handoff.text.Surrogates.unpaired("\udc00x")).isTrue();
        assertThat(io.handoff.text.Surrogates.unpaired("\ud83d\ude00")).isFalse();
    }
}
