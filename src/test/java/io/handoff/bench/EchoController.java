package io.handoff.bench;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bare HTTP cost the decision endpoint is measured against: the same servlet stack, API-key filter and
 * JSON library, parsing the contract and writing it back, and nothing else. Only in the {@code bench} profile,
 * and only on the test classpath the benchmarks start the service with; never in the shipped jar.
 */
@Profile("bench")
@RestController
class EchoController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @PostMapping(path = "/bench/echo", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] echo(@RequestBody byte[] body) {
        return JSON.writeValueAsBytes(JSON.readTree(body));
    }
}
