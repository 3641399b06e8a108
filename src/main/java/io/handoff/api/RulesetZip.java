package io.handoff.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.handoff.ruleset.CandidateFolder;

/**
 * Unpacks a submitted ruleset zip ({@code rules/...}, {@code decision-tables/...}) into a fresh folder, refusing
 * path tricks, more than {@value #MAX_ENTRIES} entries and more than 50 MB unpacked (counted as it is written, not
 * as the zip declares). The caller deletes the folder; a zip refused part way is deleted here.
 */
final class RulesetZip {
    private static final long MAX_TOTAL = 50L * 1024 * 1024;
    static final int MAX_ENTRIES = 2000;

    private RulesetZip() {
    }

    static Path unpack(byte[] zip, Path workDir) {
        Path root;
        try {
            root = Files.createTempDirectory(Files.createDirectories(workDir), "ruleset-candidate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the submitted zip", e);
        }
        try {
            return unpackInto(zip, root);
        } catch (RuntimeException e) {
            CandidateFolder.deleteTree(root);
            throw e;
        }
    }

    private static Path unpackInto(byte[] zip, Path root) {
        try {
            Files.createDirectories(root.resolve("rules"));
            Files.createDirectories(root.resolve("decision-tables"));
            long total = 0;
            int entries = 0;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    if (++entries > MAX_ENTRIES) {
                        throw new BadParameterException("body", "the zip has more than " + MAX_ENTRIES + " entries");
                    }
                    Path target = root.resolve(entry.getName()).normalize();
                    boolean inside = target.startsWith(root.resolve("rules")) || target.startsWith(root.resolve("decision-tables"));
                    if (!inside) {
                        throw new BadParameterException("body", "zip entry '" + entry.getName()
                                + "' is outside rules/ and decision-tables/");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_TOTAL - total + 1));
                    total += content.length;
                    if (total > MAX_TOTAL) {
                        throw new BadParameterException("body", "zip expands to more than 50 MB");
                    }
                    Files.write(target, content);
                }
            }
            if (entries == 0) {
                throw new BadParameterException("body", "the body is not a zip with rules/ and decision-tables/ entries");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the submitted zip", e);
        }
    }
}
