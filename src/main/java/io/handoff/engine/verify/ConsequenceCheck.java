package io.handoff.engine.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;

/**
 * A consequence (the {@code then} part) is Java that Drools compiles into the service: it is parsed with JavaParser
 * and accepted only as a list of {@code insert(new Outcome(...));} statements whose arguments are values (see
 * {@link ExpressionCheck}). Changing facts, calling anything else, loops, declarations: all refused.
 */
final class ConsequenceCheck {
    /** One refusal, with the line within the consequence (1 = the first line after {@code then}). */
    record Finding(int line, String message) {
    }

    private final Vocabulary vocabulary = Vocabulary.RULE_MODEL;

    /** JavaParser is not thread-safe: one per check, reused for every consequence of a DRL text. */
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setAttributeComments(false)
            // javac reads unicode escapes everywhere, even in comments: read them the same way, or a comment ending in an
            // escaped line break would hide the code after it
            .setPreprocessUnicodeEscapes(true));

    List<Finding> check(String consequence, Scope scope) {
        List<Finding> findings = new ArrayList<>();
        String lexical = Lexical.check(consequence, true);
        if (lexical != null) {
            findings.add(new Finding(1, lexical));
            return findings;
        }
        // the consequence starts on the line after "then": the block's first line is that line
        ParseResult<BlockStmt> parsed = parser.parseBlock("{" + consequence + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String problem = parsed.getProblems().isEmpty() ? "" : parsed.getProblems().get(0).getMessage().lines().findFirst().orElse("");
            int line = parsed.getProblems().isEmpty() ? 1 : parsed.getProblems().get(0).getLocation()
                    .flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(1);
            findings.add(new Finding(line, "the consequence is not a list of insert(new Outcome(...)); statements"
                    + " (modify blocks, drools.* and MVEL are not allowed): " + problem));
            return findings;
        }
        for (Statement statement : parsed.getResult().get().getStatements()) {
            int line = statement.getBegin().map(p -> p.line).orElse(1);
            List<String> refusals = new ArrayList<>();
            statement(statement, scope, refusals);
            refusals.forEach(message -> findings.add(new Finding(line, message)));
        }
        return findings;
    }

    private void statement(Statement statement, Scope scope, List<String> refusals) {
        if (statement instanceof EmptyStmt) {
            return;
        }
        Optional<ObjectCreationExpr> created = inserted(statement);
        if (created.isEmpty()) {
            refusals.add(whatIsWrong(statement) + ": a consequence may only insert(new Outcome(...)) (in: " + Describe.text(statement) + ")");
            return;
        }
        ObjectCreationExpr creation = created.get();
        String type = creation.getType().getNameAsString();
        Optional<Class<?>> outcome = vocabulary.factType(type).filter(vocabulary::isOutcome);
        if (creation.getType().getScope().isPresent() || creation.getType().getTypeArguments().isPresent()
                || creation.getAnonymousClassBody().isPresent() || creation.getScope().isPresent() || outcome.isEmpty()) {
            refusals.add("inserts new " + Describe.text(creation.getType()) + ": only the outcome types "
                    + RuleLanguage.OUTCOME_TYPES.stream().map(Class::getSimpleName).toList() + " may be created, by their simple name"
                    + " (in: " + Describe.text(statement) + ")");
            return;
        }
        if (!vocabulary.hasConstructor(outcome.get(), creation.getArguments().size())) {
            refusals.add(type + " takes no " + creation.getArguments().size() + " arguments (in: " + Describe.text(statement) + ")");
            return;
        }
        ExpressionCheck values = new ExpressionCheck(null, scope, refusals);
        creation.getArguments().forEach(values::check);
    }

    private static Optional<ObjectCreationExpr> inserted(Statement statement) {
        if (statement instanceof ExpressionStmt expression && expression.getExpression() instanceof MethodCallExpr call
                && call.getScope().isEmpty() && call.getNameAsString().equals("insert") && call.getTypeArguments().isEmpty()
                && call.getArguments().size() == 1 && call.getArgument(0) instanceof ObjectCreationExpr creation) {
            return Optional.of(creation);
        }
        return Optional.empty();
    }

    private static String whatIsWrong(Statement statement) {
        if (statement instanceof ExpressionStmt expression) {
            Expression e = expression.getExpression();
            if (e instanceof MethodCallExpr call) {
                String name = call.getNameAsString();
                if (List.of("modify", "update", "delete", "retract", "insertLogical").contains(name) && call.getScope().isEmpty()) {
                    return name + " changes working memory";
                }
                return "calls " + name + "(...)" + Describe.mentioning(call);
            }
            return Describe.kind(e);
        }
        return Describe.kind(statement);
    }
}
