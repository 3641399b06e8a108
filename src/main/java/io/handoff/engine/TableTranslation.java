package io.handoff.engine;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One worksheet of a decision table turned into DRL by Drools' own spreadsheet compiler, with what is needed
 * to speak about it in the analyst's terms: which spreadsheet row each generated rule came from, and which
 * row each line of the generated DRL belongs to, and the column that holds the rule ids ({@code A (Id)}, null for CSV).
 */
record TableTranslation(String file, String sheet, String drl, Map<String, RuleLocation> rules,
                        NavigableMap<Integer, Integer> rowByFirstLine, String idColumn) {

    TableTranslation {
        rules = Map.copyOf(rules);
        rowByFirstLine = new TreeMap<>(rowByFirstLine);
    }

    /** The path under which the generated DRL is compiled; it is what compiler messages name. */
    String generatedPath() {
        return file + (sheet == null ? "" : "#" + sheet) + ".drl";
    }

    /** The cell of a rule's id, for a problem about the id itself. */
    RuleLocation idCell(RuleLocation rule) {
        return idColumn == null ? rule : new RuleLocation(rule.file(), rule.sheet(), rule.row(), null, idColumn);
    }

    /** The spreadsheet location of a line of the generated DRL (the header when before the first rule). */
    RuleLocation locate(int drlLine) {
        Map.Entry<Integer, Integer> entry = rowByFirstLine.floorEntry(drlLine);
        return entry == null ? new RuleLocation(file, sheet, null, null) : RuleLocation.ofTableRow(file, sheet, entry.getValue());
    }
}
