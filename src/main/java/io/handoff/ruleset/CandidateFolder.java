package io.handoff.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a candidate's rules and tables folders (cases included), taken when it is submitted: the
 * check reads exactly what was versioned, however the originals change, and the copy is deleted afterwards.
 * Each folder keeps its own name, which is part of every source path and so of the version.
 */
public final class CandidateFolder implements AutoCloseable {
    private final Path root;
    private final Path rules;
    private final Path tables;

    private CandidateFolder(Path root, Path rules, Path tables) {
        this.root = root;
        this.rules = rules;
        this.tables = tables;
    }

    static CandidateFolder copyOf(Path rules, Path tables, Path workDir) {
        Path root = null;
        try {
            root = Files.createTempDirectory(Files.createDirectories(workDir), "ruleset-check-");
            Path rulesCopy = copy(rules, root.resolve("r"));
            Path tablesCopy = copy(tables, root.resolve("t"));
            return new CandidateFolder(root, rulesCopy, tablesCopy);
        } catch (IOException | RuntimeException e) {
            deleteTree(root);
            throw e instanceof IOException io ? new UncheckedIOException("cannot copy the candidate's folders", io)
                    : (RuntimeException) e;
        }
    }

    Path rules() {
        return rules;
    }

    Path tables() {
        return tables;
    }

    private static Path copy(Path folder, Path parent) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("rules folder does not exist: " + folder.toAbsolutePath().normalize());
        }
        Path from = folder.toRealPath();
        Path to = parent.resolve(from.getFileName().toString());
        try (Stream<Path> files = Files.walk(from)) {
            List<Path> all = files.filter(f -> !Files.isSymbolicLink(f)).toList();
            for (Path file : all) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    @Override
    public void close() {
        deleteTree(root);
    }

    /** Deletes a folder and everything in it, without following links; a failure is left for the temp cleaner. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: what is left is in the temp folder, and a failed delete must not change any outcome
        }
    }
}
