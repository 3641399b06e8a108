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
    private final Map<SourceFile, Object> parsed = new IdentityHashMap<>();

    /** Every worksheet of the file's workbook by name ({@link SheetGrid#read}), read at most once per compile. */
    Map<String, SheetGrid> read(SourceFile file) throws IOException {
        Object known = parsed.get(file);
        if (known == null) {
            try {
                known = SheetGrid.read(file.content());
            } catch (IOException | RuntimeException e) {
                known = e;
            }
            parsed.put(file, known);
        }
        if (known instanceof IOException e) {
            throw new IOException(e.getMessage(), e); // a new one each time, with the first as its cause
        }
        if (known instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Map<String, SheetGrid> sheets = (Map<String, SheetGrid>) known;
        return sheets;
    }
}
