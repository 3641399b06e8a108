package io.handoff.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The size check an {@code .xlsx} passes before Apache POI reads it whole: every zip part is inflated by
 * streaming and counted (the sizes a zip declares are not trusted), and a part past the cap refuses the file.
 * A 4 MB workbook can hold a sheet that inflates to 90 MB and more; POI would build all of it in memory.
 */
final class WorkbookParts {
    static final long DEFAULT_MAX_PART_BYTES = 20L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    private WorkbookParts() {
    }

    /**
     * Also caps POI's own reading of every workbook in this JVM (the console's and the tuning's too): POI refuses
     * an entry past the cap, and keeps its default minimum inflate ratio against zip bombs.
     */
    static void limitPoi(long maxPartBytes) {
        ZipSecureFile.setMaxEntrySize(maxPartBytes);
    }

    /** A problem naming the file and part when a part inflates past the cap; empty when every part fits. */
    static Optional<CompileProblem> check(SourceFile source, long maxPartBytes) {
        if (!source.path().endsWith(".xlsx")) {
            return Optional.empty();
        }
        byte[] buffer = new byte[64 * 1024];
        int parts = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(source.content()))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++parts > MAX_PARTS) {
                    return Optional.of(refusal(source, "the workbook has more than " + MAX_PARTS + " parts"));
                }
                long size = 0;
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    size += read;
                    if (size > maxPartBytes) {
                        return Optional.of(refusal(source, "part " + entry.getName() + " expands to more than "
                                + megabytes(maxPartBytes) + " (the limit for one part of a workbook); split the table "
                                + "or remove unused rows and formatting"));
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // not a zip we can stream: POI decides, with its own limits set
        }
        return Optional.empty();
    }

    private static CompileProblem refusal(SourceFile source, String message) {
        return CompileProblem.error("table-too-large", new RuleLocation(source.path(), null, null, null),
                "the workbook is not read: " + message);
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
