package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.handoff.ServiceTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The served OpenAPI document as a calling service's developer uses it: two validators accept it with no error,
 * openapi-generator (the CLI Maven copies to target/tools) makes a Java client of it, the client compiles, and
 * {@code src/test/resources/api/client/ClientWalkthrough.java}, written only against that client, decides a contract,
 * approves its gates, reports an attempt and an outcome, creates a key, reads the audit record's typed trace and reads
 * a 422 as a typed problem. One generate and one compile, about a minute on two cores.
 */
@ServiceTest
class GeneratedClientTest {
    private static final Path WORK = Path.of("target/generated-client");
    private static final Path CLI = Path.of("target/tools/openapi-generator-cli.jar");

    @LocalServerPort
    int port;

    @Test
    void aJavaClientGeneratedFromTheServedDocumentDecidesApprovesAndReadsTypedProblems() throws Exception {
        assertThat(CLI).as("Maven copies the generator CLI in generate-test-resources; run the test through ./mvnw").exists();
        String document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        deleteTree(WORK);
        Files.createDirectories(WORK);
        Path spec = Files.writeString(WORK.resolve("openapi.json"), document);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSchemas()).containsKeys("Decision", "HandoffContract", "Problem");

        // generate validates the document first and refuses one with errors (no --skip-validate-spec)
        String generated = run(List.of(java(), "-jar", CLI.toString(), "generate", "-i", spec.toString(), "-g", "java",
                "--library", "native", "-o", WORK.resolve("client").toString(), "--invoker-package", "io.handoff.client",
                "--api-package", "io.handoff.client.api", "--model-package", "io.handoff.client.model",
                "--additional-properties=openApiNullable=false,useJakartaEe=true,annotationLibrary=none,hideGenerationTimestamp=true",
                "--global-property=apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"));
        assertThat(generated).doesNotContain("validation issues").doesNotContain("Spec has");

        Path classes = compile(WORK.resolve("client/src/main/java"), Path.of("src/test/resources/api/client/ClientWalkthrough.java"));
        String contract = Files.readString(Path.of("src/test/resources/contracts/cs-enterprise-sev1-to-engineering.json"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) loader.loadClass("io.handoff.client.ClientWalkthrough")
                    .getMethod("run", String.class, String.class).invoke(null, "http://localhost:" + port, contract);
            assertThat(seen).containsEntry("decide.status", 200).containsEntry("decision.outcome", "accept-pending-approval")
                    .containsEntry("approvals.decided", 2).containsEntry("handoff.afterApprovals", "accepted")
                    .containsEntry("attempt.status", 201).containsEntry("outcome.status", 201)
                    .containsEntry("key.status", 201).containsEntry("key.secretShown", true)
                    .containsEntry("audit.kind", "decision").containsEntry("audit.submittedBy", "dev-decider")
                    .containsEntry("invalid.status", 422).containsEntry("invalid.problem", "invalid-contract /asOf null-not-allowed");
            assertThat((String) seen.get("decision.decisionId")).hasSize(36);
            assertThat((String) seen.get("audit.trace[0]")).matches("[A-Z]+-[A-Z]+-\\d+ @ (rules|decision-tables)/.+ (row|line) \\d+");
        }
    }

    private static Path compile(Path sources, Path walkthrough) throws IOException {
        Path out = Files.createDirectories(WORK.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-d", out.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        arguments.add(walkthrough.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac of the generated client:%n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s%n%s", command, text).isZero();
        return text;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
