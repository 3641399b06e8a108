package io.handoff.engine.verify;

import io.handoff.text.Shortened;

import java.util.Set;
import java.util.TreeSet;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;

/** Plain words for what the verifier refuses: the kind of construct, the source text, the classes it names. */
final class Describe {
    private static final int MAX_TEXT = 100;

    private Describe() {
    }

    static String kind(Node node) {
        if (node instanceof ObjectCreationExpr creation) {
            return "creating objects (new " + creation.getType().getNameAsString() + ") outside insert(new Outcome(...))";
        }
        if (node instanceof LambdaExpr || node instanceof MethodReferenceExpr) {
            return "lambdas and method references";
        }
        if (node instanceof CastExpr) {
            return "casts";
        }
        if (node instanceof ClassExpr) {
            return "class literals";
        }
        if (node instanceof AssignExpr) {
            return "assignments";
        }
        if (node instanceof ArrayAccessExpr || node instanceof ArrayCreationExpr || node instanceof ArrayInitializerExpr) {
            return "arrays";
        }
        if (node instanceof InstanceOfExpr) {
            return "instanceof tests";
        }
        if (node instanceof ThisExpr || node instanceof SuperExpr) {
            return "this and super";
        }
        String simple = node.getClass().getSimpleName().replaceAll("(Expr|Expression|Stmt)$", "");
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " expressions";
    }

    /** The source text of a node as written (not re-printed), shortened. */
    static String text(Node node) {
        String text;
        try {
            text = node.getTokenRange().map(Object::toString).orElseGet(() -> printed(node));
        } catch (RuntimeException e) { // the DRLX parser does not always link its tokens
            text = printed(node);
        }
        text = text.replaceAll("\\s+", " ").strip();
        return Shortened.to(text, MAX_TEXT, "...");
    }

    private static String printed(Node node) {
        try {
            return org.drools.mvel.parser.printer.PrintUtil.printNode(node);
        } catch (RuntimeException e) {
            return node.getClass().getSimpleName();
        }
    }

    /** " using Runtime, ProcessBuilder" when the expression names classes, reflection or lambdas; "" otherwise. */
    static String mentioning(Node node) {
        Set<String> names = new TreeSet<>();
        node.walk(child -> {
            if (child instanceof ObjectCreationExpr creation) {
                names.add(creation.getType().getNameAsString());
            } else if (child instanceof NameExpr name && Character.isUpperCase(name.getNameAsString().charAt(0))) {
                names.add(name.getNameAsString());
            } else if (child instanceof FieldAccessExpr field && Character.isUpperCase(field.getNameAsString().charAt(0))) {
                names.add(field.getNameAsString());
            } else if (child instanceof MethodCallExpr call && call.getNameAsString().equals("forName")) {
                names.add("Class.forName");
            } else if (child instanceof MethodCallExpr call && call.getNameAsString().equals("getClass")) {
                names.add("getClass()");
            } else if (child instanceof LambdaExpr || child instanceof MethodReferenceExpr) {
                names.add("a lambda");
            }
        });
        return names.isEmpty() ? "" : " using " + String.join(", ", names);
    }
}
