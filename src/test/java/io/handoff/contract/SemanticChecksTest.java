package io.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Every semantic check, gap and receive-time check of semantic-checks.yaml: its code and pointer, and nothing else. */
class SemanticChecksTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContractValidator VALIDATOR = new ContractValidator();

    static Stream<Arguments> entries() {
        JsonNode list = YAMLMapper.builder().build().readTree(resource("/contract/semantic-checks.yaml"));
        return list.valueStream().map(entry -> Arguments.of(entry.get("name").asString(), entry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void reportsTheCodeAtThePointer(String name, JsonNode entry) {
        ObjectNode document = mutated(entry);
        List<Violation> found = switch (entry.get("check").asString()) {
            case "reject" -> VALIDATOR.violations(document);
            case "gap" -> {
                assertThat(VALIDATOR.violations(document)).as("a gap is no violation").isEmpty();
                yield ContractGaps.of(VALIDATOR.mapper().treeToValue(document, HandoffContract.class));
            }
            case "receive" -> {
                assertThat(VALIDATOR.violations(document)).as("the receive time alone makes it invalid").isEmpty();
                yield AsOfWindow.DEFAULT.check(document, Instant.parse(entry.get("receivedAt").asString()));
            }
            default -> throw new IllegalArgumentException(entry.get("check").asString());
        };
        List<String> expected = entry.get("errors").valueStream()
                .map(e -> e.get("pointer").asString() + " " + e.get("code").asString()).toList();
        assertThat(found).extracting(v -> v.pointer() + " " + v.code()).containsExactlyElementsOf(expected);
        assertThat(found).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void readWithoutAReceiveTimeNeverJudgesAsOfAgainstTheClock() {
        ObjectNode stale = mutated(JSON.createObjectNode().put("base", "cs-sev1-outage-1.1.json"));
        stale.put("asOf", "2020-01-01T00:00:00Z");
        stale.withObject("/case").remove("customerCommunication");
        stale.withObject("/case").remove("sla");
        byte[] body = JSON.writeValueAsBytes(stale);
        assertThat(VALIDATOR.read(body).contract().asOf()).hasToString("2020-01-01T00:00Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VALIDATOR.read(body, Instant.parse("2026-12-06T18:00:00Z")))
                .isInstanceOfSatisfying(ContractViolationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code).containsExactly(AsOfWindow.ASOF_STALE));
    }

    @Test
    void byDefaultAOnePointOneAsOfMayBeFifteenMinutesOldNotADay() {
        ObjectNode document = mutated(JSON.createObjectNode().put("base", "cs-sev1-outage-1.1.json"));
        Instant asOf = java.time.OffsetDateTime.parse(document.get("asOf").asString()).toInstant();
        assertThat(AsOfWindow.DEFAULT.check(document, asOf.plus(Duration.ofMinutes(14)))).isEmpty();
        assertThat(AsOfWindow.DEFAULT.check(document, asOf.plus(Duration.ofMinutes(16)))).extracting(Violation::pointer, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/asOf", AsOfWindow.ASOF_STALE));
    }

    @Test
    void theAgeLimitCoversOnePointZeroWhenConfigured() {
        ObjectNode document = mutated(JSON.createObjectNode().put("base", "cs-enterprise-sev1-to-engineering.json"));
        AsOfWindow strict = new AsOfWindow(Duration.ofMinutes(5), Duration.ofHours(1), true);
        assertThat(strict.check(document, Instant.parse("2026-11-20T10:30:01Z"))).extracting(Violation::code)
                .containsExactly(AsOfWindow.ASOF_STALE);
        assertThat(strict.check(document, Instant.parse("2026-11-20T10:30:00Z"))).isEmpty();
    }

    private static ObjectNode mutated(JsonNode entry) {
        ObjectNode doc = (ObjectNode) JSON.readTree(resource("/contracts/" + entry.get("base").asString()));
        entry.path("remove").valueStream().forEach(p -> {
            String pointer = p.asString();
            int slash = pointer.lastIndexOf('/');
            ((ObjectNode) doc.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
        });
        for (Map.Entry<String, JsonNode> set : entry.path("set").properties()) {
            String pointer = set.getKey();
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? doc : doc.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1);
            if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), set.getValue());
            } else {
                ((ObjectNode) parent).set(last, set.getValue());
            }
        }
        return doc;
    }

    private static byte[] resource(String path) {
        try (InputStream in = SemanticChecksTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
