package io.handoff.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.handoff.ruleset.TableDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** A cell-level diff of two versions of a decision table. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Cell-level diff of two versions of a decision table (.xlsx) by the values Drools compiles: rows added,"
                + " removed, changed and which cells; says when only formatting changed.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the table before")
    Path before;

    @Parameters(index = "1", description = "the table after")
    Path after;

    @Override
    public Integer call() throws Exception {
        List<TableDiff.Change> changes = TableDiff.diff(before, after);
        changes.forEach(System.out::println);
        System.out.println(changes.isEmpty() ? "no differences"
                : TableDiff.onlyFormatting(changes) ? "only formatting changed: the values Drools compiles are equal ("
                + changes.size() + " row(s))" : changes.size() + " difference(s)");
        return 0;
    }
}
