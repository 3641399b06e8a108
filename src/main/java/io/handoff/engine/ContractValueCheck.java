package io.handoff.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table condition that compares a contract property with a value the contract can never hold matches nothing,
 * in silence ({@code customerTier == 'enterprize'}). Each data cell of a CONDITION column is read as the constraint
 * Drools builds from it (the column's snippet with the cell's value in place of {@code $param}), and every value
 * compared with a property that has a closed set of values must be one of them.
 */
final class ContractValueCheck {
    private static final String QUOTED = "([\"'])(.*?)\\";
    private static final Pattern EQUALS = Pattern.compile("\\b(\\w+)\\s*(?:==|!=)\\s*" + QUOTED + "2");
    private static final Pattern IN = Pattern.compile("\\b(\\w+)\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)");
    private static final Pattern CONTAINS = Pattern.compile("\\b(\\w+)\\s+(?:not\\s+)?contains\\s+" + QUOTED + "2");
    private static final Pattern EVIDENCE = Pattern.compile("\\bhasEvidence\\s*\\(\\s*" + QUOTED + "1\\s*\\)");
    private static final Pattern ITEM = Pattern.compile("([\"'])(.*?)\\1");

    private final ContractValues values;

    ContractValueCheck(ContractValues values) {
        this.values = values;
    }

    void check(String file, TableHeader table, List<CompileProblem> problems) {
        if (values.allowed().isEmpty()) {
            return;
        }
        for (int c = table.left(); c < table.width(); c++) {
            if (!table.type(c).equals("CONDITION") && !table.type(c).equals("C")) {
                continue;
            }
            String snippet = table.snippet(c).isEmpty() ? "$param" : table.snippet(c);
            for (int r = table.firstDataRow(); r < table.end(); r++) {
                String value = table.grid().text(r, c);
                if (value.isEmpty()) {
                    continue;
                }
                for (String wrong : wrongValues(snippet.replace("$param", value).replace("$1", value))) {
                    problems.add(CompileProblem.error("unknown-value", table.cell(file, r, c), wrong));
                }
            }
        }
    }

    private List<String> wrongValues(String constraint) {
        List<String> wrong = new ArrayList<>();
        Matcher equals = EQUALS.matcher(constraint);
        while (equals.find()) {
            judge(equals.group(1), equals.group(3), wrong);
        }
        Matcher in = IN.matcher(constraint);
        while (in.find()) {
            Matcher item = ITEM.matcher(in.group(2));
            while (item.find()) {
                judge(in.group(1), item.group(2), wrong);
            }
        }
        Matcher contains = CONTAINS.matcher(constraint);
        while (contains.find()) {
            judge(contains.group(1), contains.group(3), wrong);
        }
        Matcher evidence = EVIDENCE.matcher(constraint);
        while (evidence.find()) {
            judge("validationEvidence", evidence.group(2), wrong);
        }
        return wrong;
    }

    private void judge(String property, String value, List<String> wrong) {
        List<String> allowed = values.allowed().get(property);
        if (allowed != null && !allowed.contains(value)) {
            wrong.add(property + " is one of " + String.join(", ", allowed) + ", found '" + value + "'");
        }
    }
}
