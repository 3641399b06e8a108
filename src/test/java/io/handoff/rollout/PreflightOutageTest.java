package io.handoff.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.HandoffApplication;
import io.handoff.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Preflight when the audit store is down: the service runs on a PostgreSQL of its own (initdb from the machine's
 * PostgreSQL binaries, a free port), which the test stops and starts again. While it is down, preflight names the
 * auditStore check, a decision is refused with 503 and nothing of it is recorded; after the restart both recover
 * and the chain verifies intact. Skipped, saying why, where the PostgreSQL server binaries or root are missing.
 */
class PreflightOutageTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private Path dir;
    private ConfigurableApplicationContext service;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (dir != null) {
            pgCtl("stop", "-m", "immediate");
        }
    }

    @Test
    void preflightNamesTheAuditStoreWhilePostgresIsDownAndNothingIsRecordedHalfWay() throws Exception {
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "skipped: no PostgreSQL server binaries at " + BIN);
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "skipped: needs root and runuser to run a private PostgreSQL as user postgres");
        dir = Files.createTempDirectory("handoff-pg-outage");
        run(List.of("chown", "postgres", dir.toString()));
        run(List.of("/usr/sbin/runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-A", "trust", "-U", "root"));
        int pgPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            pgPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("data/postgresql.auto.conf"), "port = " + pgPort + "\nunix_socket_directories = '" + dir + "'\n");
        pgCtl("start");
        service = new SpringApplicationBuilder(HandoffApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=root",
                "--spring.datasource.username=root", "--spring.datasource.hikari.connection-timeout=2000",
                "--handoff.audit.commit-timeout=5s");
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));

        JsonNode before = json(send("decider", "POST", "/api/v1/decisions", contract("PG-OUT-1")), 200);
        assertThat(json(send("auditor", "GET", "/api/v1/preflight", null), 200).get("ok").asBoolean()).isTrue();

        pgCtl("stop", "-m", "fast");
        JsonNode down = json(send("auditor", "GET", "/api/v1/preflight", null), 503);
        assertThat(down.get("failed").valueStream().map(JsonNode::asString).toList()).contains("auditStore");
        JsonNode contractCheck = json(send("decider", "POST", "/api/v1/preflight", contract("PG-OUT-2")), 200);
        assertThat(contractCheck.get("ok").asBoolean()).isFalse();
        assertThat(contractCheck.get("failed").valueStream().map(JsonNode::asString).toList()).contains("auditStore");
        JsonNode refused = json(send("decider", "POST", "/api/v1/decisions", contract("PG-OUT-2")), 503);
        assertThat(refused.get("code").asString()).isEqualTo("audit-unavailable");

        pgCtl("start");
        JsonNode up = null;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = send("auditor", "GET", "/api/v1/preflight", null);
            if (response.statusCode() == 200) {
                up = JSON.readTree(response.body());
                break;
            }
            Thread.sleep(500);
        }
        assertThat(up).as("preflight recovers after PostgreSQL restarts").isNotNull();
        JsonNode after = json(send("decider", "POST", "/api/v1/decisions", contract("PG-OUT-3")), 200);

        JsonNode decisions = json(send("auditor", "GET", "/api/v1/decisions?limit=50", null), 200);
        assertThat(decisions.get("items").valueStream().map(d -> d.get("decisionId").asString()).toList())
                .containsExactly(after.get("decisionId").asString(), before.get("decisionId").asString());
        assertThat(json(send("auditor", "GET", "/api/v1/decisions?kind=all&contractId=PG-OUT-2", null), 200).get("items").size())
                .as("the refused decision left no record").isZero();
        assertThat(send("auditor", "GET", "/api/v1/handoffs/PG-OUT-2", null).statusCode()).as("nor any handoff state").isEqualTo(404);
        assertThat(json(send("auditor", "GET", "/api/v1/audit/verify", null), 200).get("status").asString()).isEqualTo("intact");
    }

    private void pgCtl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--",
                BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    private static String contract(String contractId) throws Exception {
        ObjectNode contract = (ObjectNode) YAMLMapper.builder().build()
                .readTree(Files.readString(Path.of("rules/cases/cs-020-enterprise-tier2.yaml"))).get("contract");
        return contract.put("contractId", contractId).toString();
    }

    private HttpResponse<String> send(String role, String method, String path, String body) throws Exception {
        return new TestApi(port).send(role, method, path, body);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        return TestApi.json(response, status);
    }
}
