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
 * Reads a ruleset's files from folders: {@code .drl} files and {@code .xlsx/.xls/.csv} decision tables, and the
 * cases in the {@code cases} folder at the top of each folder (part of the version, not compiled), named by the
 * folder's own name plus their relative path ({@code decision-tables/scoring.xlsx}). Hidden files, spreadsheet lock
 * files ({@code ~$x.xlsx}) and anything in a {@code cases} folder deeper down are not read.
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
        int depth = 0;
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("~$")) {
                return false;
            }
            if (name.equals("cases")) { // the cases the case runner reads are part of the version; others are nothing
                return depth == 0 && relative.getFileName().toString().matches(".*\\.(ya?ml|json)$");
            }
            depth++;
        }
        String name = relative.getFileName().toString();
        // every spreadsheet (.ods, .xlsm, .XLSX...) is read so that it is refused with a reason, not skipped in silence
        return name.endsWith(".drl") || SourceFile.SPREADSHEET.matcher(name).matches();
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
