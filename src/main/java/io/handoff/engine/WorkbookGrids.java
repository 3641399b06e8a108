package io.handoff.engine;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The workbooks of one compile, each parsed once: the version ({@link RulesetVersion}) and the translation
 * ({@link DecisionTableTranslator}) read the same sheets, and reading a workbook twice was a quarter of the startup
 * compile's time. Scoped to one compile (a new instance each), so no compile reuses another's parse: a benchmark of
 * repeated compiles still measures every parse. Keyed by the source file itself; not shared between threads.
 */
final class WorkbookGrids {
    /** A workbook as read: its sheets, or why it could not be read. */
    private record Parsed(Map<String, SheetGrid> sheets, Exception failure) {
    }

    private final Map<SourceFile, Parsed> parsed = new IdentityHashMap<>();

    /** Every worksheet of the file's workbook by name ({@link SheetGrid#read}), read at most once per compile. */
    Map<String, SheetGrid> read(SourceFile file) throws IOException {
        Parsed known = parsed.computeIfAbsent(file, WorkbookGrids::parse);
        if (known.failure() instanceof IOException e) {
            throw new IOException(e.getMessage(), e); // a new one each time, with the first as its cause
        }
        if (known.failure() instanceof RuntimeException e) {
            throw e;
        }
        return known.sheets();
    }

    /** Lets go of every parse once the translation is done. */
    void release() {
        parsed.clear();
    }

    private static Parsed parse(SourceFile file) {
        try {
            return new Parsed(SheetGrid.read(file.content()), null);
        } catch (IOException | RuntimeException e) {
            return new Parsed(null, e);
        }
    }
}
