package io.handoff.cli;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;

import io.handoff.audit.ExportVerifier;
import io.handoff.audit.FileCheckpointSink;
import io.handoff.audit.SignedCheckpoint;
import io.handoff.audit.SigningKeys;
import io.handoff.audit.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An auditor's check of an export, without the service or its database (docs/audit.md). */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
        description = "Verify an NDJSON audit export (GET /api/v1/decisions/export?kind=all): hashes, chain continuity, "
                + "checkpoint signatures, and that the export still reaches every signed checkpoint it covers. "
                + "Exit 0 when intact, 1 with the first problem, 2 when the input cannot be read.")
final class VerifyExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the export (.ndjson)")
    Path export;

    @Option(names = "--checkpoints", required = true, description = "directory of signed checkpoints (*.ndjson) from the sink")
    Path checkpoints;

    @Option(names = "--public-key", required = true, description = "the signing public key (.pub, PEM or DER); repeat for rotated keys")
    List<Path> publicKeys;

    @Override
    public Integer call() {
        VerifyReport report;
        if (!Files.isDirectory(checkpoints)) {
            System.out.println("ERROR  checkpoint directory not found: " + checkpoints);
            return 2;
        }
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            List<PublicKey> keys = publicKeys.stream().map(SigningKeys::readPublic).toList();
            List<SignedCheckpoint> signed = FileCheckpointSink.readDirectory(checkpoints);
            report = new ExportVerifier(keys, signed).verify(reader);
        } catch (Exception e) {
            System.out.println("ERROR  " + e.getMessage());
            return 2;
        }
        if (report.intact()) {
            System.out.println("INTACT: " + report.checked() + " record(s), seq " + report.fromSeq() + ".." + report.toSeq() + ", "
                    + report.signedCheckpoints() + " signed checkpoint(s) reached"
                    + (report.signedCheckpoints() == 0 ? " (none covers this export: it is only consistent with itself)" : ""));
            return 0;
        }
        VerifyReport.Problem first = report.firstBad();
        System.out.println("BROKEN at seq " + first.seq() + (first.decisionId() == null ? "" : " (" + first.decisionId() + ")")
                + " [" + first.code() + "]: " + first.problem());
        report.problems().stream().filter(p -> !p.equals(first))
                .forEach(p -> System.out.println("  also at seq " + p.seq() + " [" + p.code() + "]: " + p.problem()));
        return 1;
    }
}
