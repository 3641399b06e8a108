package io.handoff.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default sink: one JSON line per checkpoint appended to {@value #FILE} in a directory, flushed to disk before
 * {@link #append} returns. The file is only ever opened for appending; making it append-only for everyone else
 * (another host, {@code chattr +a}, a WORM mount) is the operator's part. Reading takes every {@code *.ndjson} in
 * the directory, so an auditor can drop in copies from several places.
 */
public final class FileCheckpointSink implements CheckpointSink {
    public static final String FILE = "checkpoints.ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path dir;

    public FileCheckpointSink(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized void append(SignedCheckpoint checkpoint) {
        byte[] line = (toJson(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append the signed checkpoint to " + dir.resolve(FILE), e);
        }
    }

    @Override
    public List<SignedCheckpoint> readAll() {
        return readDirectory(dir);
    }

    @Override
    public String describe() {
        return dir.resolve(FILE).toString();
    }

    /** Every checkpoint in every {@code *.ndjson} file of {@code dir} (none when it does not exist). */
    public static List<SignedCheckpoint> readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SignedCheckpoint> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        all.add(parse(lines.get(i), file + " line " + (i + 1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read signed checkpoints from " + dir, e);
        }
        return all;
    }

    static String toJson(SignedCheckpoint c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", c.seq());
        node.put("hash", c.hash());
        node.put("signedAt", c.signedAt().toString());
        node.put("keyId", c.keyId());
        node.put("signature", c.signature());
        return JSON.writeValueAsString(node);
    }

    static SignedCheckpoint parse(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            return new SignedCheckpoint(node.required("seq").asLong(), node.required("hash").asString(),
                    Instant.parse(node.required("signedAt").asString()), node.required("keyId").asString(),
                    node.required("signature").asString());
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(where + " is not a signed checkpoint: " + e.getMessage(), e);
        }
    }
}
