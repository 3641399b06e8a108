package io.handoff.engine.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Checks one expression tree (a constraint parsed as DRLX, or a value in a consequence parsed as Java) against
 * the allow-list: literals, arithmetic, comparisons, {@code &&}/{@code ||}/{@code !}, {@code in}/{@code contains},
 * the pattern's properties, bindings, and the rule model's getters and callable methods. Every other node kind
 * is refused; an unknown kind is refused too, so a parser that learns new syntax cannot widen the language.
 */
final class ExpressionCheck {
    private static final Set<BinaryExpr.Operator> BINARY = Set.of(BinaryExpr.Operator.OR, BinaryExpr.Operator.AND,
            BinaryExpr.Operator.EQUALS, BinaryExpr.Operator.NOT_EQUALS, BinaryExpr.Operator.LESS,
            BinaryExpr.Operator.GREATER, BinaryExpr.Operator.LESS_EQUALS, BinaryExpr.Operator.GREATER_EQUALS,
            BinaryExpr.Operator.PLUS, BinaryExpr.Operator.MINUS, BinaryExpr.Operator.MULTIPLY,
            BinaryExpr.Operator.DIVIDE, BinaryExpr.Operator.REMAINDER);
    private static final Set<UnaryExpr.Operator> UNARY = Set.of(UnaryExpr.Operator.LOGICAL_COMPLEMENT,
            UnaryExpr.Operator.MINUS, UnaryExpr.Operator.PLUS);

    private final Vocabulary vocabulary = Vocabulary.RULE_MODEL;
    /** The pattern's type whose properties bare names mean; null in a consequence or an accumulate function. */
    private final Class<?> patternType;
    private final Scope scope;
    private final List<String> refusals;

    ExpressionCheck(Class<?> patternType, Scope scope, List<String> refusals) {
        this.patternType = patternType;
        this.scope = scope;
        this.refusals = refusals;
    }

    void check(Node node) {
        if (node instanceof DrlxExpression drlx) {
            check(drlx.getExpr());
        } else if (node instanceof EnclosedExpr enclosed) {
            check(enclosed.getInner());
        } else if (node instanceof BinaryExpr binary) {
            if (!BINARY.contains(binary.getOperator())) {
                refuse("the operator " + binary.getOperator().asString() + " is not allowed", node);
                return;
            }
            check(binary.getLeft());
            check(binary.getRight());
        } else if (node instanceof HalfBinaryExpr half) {
            check(half.getRight());
        } else if (node instanceof UnaryExpr unary) {
            if (!UNARY.contains(unary.getOperator())) {
                refuse("the operator " + unary.getOperator().asString() + " is not allowed", node);
                return;
            }
            check(unary.getExpression());
        } else if (node instanceof ConditionalExpr conditional) {
            check(conditional.getCondition());
            check(conditional.getThenExpr());
            check(conditional.getElseExpr());
        } else if (node instanceof TextBlockLiteralExpr) {
            refuse("text blocks are not allowed", node);
        } else if (node instanceof LiteralExpr) {
            return;
        } else if (node instanceof NameExpr name) {
            name(name);
        } else if (node instanceof FieldAccessExpr field) {
            field(field);
        } else if (node instanceof MethodCallExpr call) {
            call(call);
        } else if (node instanceof PointFreeExpr pointFree) {
            wordOperator(pointFree.getOperator().asString(), pointFree.getArg1() != null || pointFree.getArg2() != null
                    || pointFree.getArg3() != null || pointFree.getArg4() != null, node);
            check(pointFree.getLeft());
            pointFree.getRight().forEach(this::check);
        } else if (node instanceof HalfPointFreeExpr half) {
            wordOperator(half.getOperator().asString(), half.getArg1() != null || half.getArg2() != null
                    || half.getArg3() != null || half.getArg4() != null, node);
            half.getRight().forEach(this::check);
        } else {
            refuse(Describe.kind(node) + " are not allowed", node);
        }
    }

    private void wordOperator(String operator, boolean temporal, Node node) {
        if (!RuleLanguage.WORD_OPERATORS.contains(operator) || temporal) {
            refuse("the operator '" + operator + "' is not allowed (allowed: " + String.join(", ", RuleLanguage.WORD_OPERATORS) + ")", node);
        }
    }

    private void name(NameExpr name) {
        String id = name.getNameAsString();
        if (name instanceof DrlNameExpr drl && drl.getBackReferencesCount() > 0) {
            refuse("back references (../) are not allowed", name);
        } else if (id.startsWith("$")) {
            if (scope.binding(id).isEmpty()) {
                refuse(id + " is not bound in this rule (bound so far: " + scope.names() + ")", name);
            }
        } else if (patternType == null || vocabulary.property(patternType, id).isEmpty()) {
            refuse("'" + id + "' is " + (patternType == null ? "not a binding" : "neither a property of "
                    + patternType.getSimpleName() + " nor a binding") + ": only the rule model's properties, bindings ($name) and literals may be used", name);
        }
    }

    private void field(FieldAccessExpr field) {
        Optional<Class<?>> owner = bindingType(field.getScope());
        if (owner.isEmpty() || vocabulary.property(owner.get(), field.getNameAsString()).isEmpty()) {
            refuse("'" + Describe.text(field) + "' is not a property of a binding", field);
        }
    }

    private void call(MethodCallExpr call) {
        String method = call.getNameAsString();
        int arity = call.getArguments().size();
        if (call.getTypeArguments().isPresent()) {
            refuse("type arguments are not allowed", call);
            return;
        }
        boolean allowed;
        if (call.getScope().isEmpty()) {
            allowed = patternType != null && vocabulary.method(patternType, method, arity).isPresent();
        } else {
            Expression target = call.getScope().get();
            Optional<Class<?>> owner = bindingType(target);
            Optional<Class<?>> helper = target instanceof NameExpr n && !(n instanceof DrlNameExpr d && d.getBackReferencesCount() > 0)
                    ? vocabulary.helperType(n.getNameAsString()) : Optional.empty();
            allowed = owner.map(type -> vocabulary.method(type, method, arity).isPresent())
                    .or(() -> helper.map(type -> vocabulary.staticMethod(type, method, arity).isPresent()))
                    .orElse(false);
        }
        if (!allowed) {
            refuse("calls " + method + "(...)" + Describe.mentioning(call)
                    + ": only the rule model's getters and the methods it marks callable may be called", call);
            return;
        }
        call.getArguments().forEach(this::check);
    }

    private Optional<Class<?>> bindingType(Expression expression) {
        if (expression instanceof NameExpr name && name.getNameAsString().startsWith("$")
                && !(name instanceof DrlNameExpr drl && drl.getBackReferencesCount() > 0)) {
            return scope.binding(name.getNameAsString());
        }
        return Optional.empty();
    }

    /** The type a constraint's binding takes: {@code $p : points} binds the property, {@code $f : floor != null} its left side. */
    Class<?> boundType(Expression expression) {
        Expression bound = expression;
        while (bound instanceof EnclosedExpr enclosed) {
            bound = enclosed.getInner();
        }
        if (bound instanceof BinaryExpr binary) {
            bound = binary.getLeft();
        } else if (bound instanceof PointFreeExpr pointFree) {
            bound = pointFree.getLeft();
        }
        if (bound instanceof NameExpr name && patternType != null) {
            return vocabulary.property(patternType, name.getNameAsString()).orElse(Object.class);
        }
        return Object.class;
    }

    private void refuse(String message, Node node) {
        refusals.add(message + " (in: " + Describe.text(node) + ")");
    }
}
