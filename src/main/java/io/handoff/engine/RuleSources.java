package io.handoff.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads rule sources from folders: {@code .drl} files and {@code .xlsx/.xls/.csv} decision tables, named by
 * the folder's own name plus their relative path ({@code decision-tables/scoring.xlsx}). Cases folders,
 * hidden files and spreadsheet lock files ({@code ~$x.xlsx}) are not sources.
 */
public final class RuleSources {
    private RuleSources() {
    }

    public static List<SourceFile> read(Path... folders) {
        List<SourceFile> sources = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("rules folder does not exist: " + folder.toAbsolutePath().normalize());
            }
            Path root = folder.toAbsolutePath().normalize();
            String prefix = root.getFileName().toString();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> isSource(root.relativize(file)))
                        .forEach(file -> sources.add(new SourceFile(
                                prefix + "/" + root.relativize(file).toString().replace('\\', '/'), readAll(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rules folder " + root, e);
            }
        }
        sources.sort(Comparator.comparing(SourceFile::path));
        return List.copyOf(sources);
    }

    private static boolean isSource(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("~$") || name.equals("cases")) {
                return false;
            }
        }
        String name = relative.getFileName().toString();
        // .ods is read so that it is refused with a reason, not skipped in silence
        return name.endsWith(".drl") || name.endsWith(".xlsx") || name.endsWith(".xls") || name.endsWith(".csv")
                || name.endsWith(".ods");
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
