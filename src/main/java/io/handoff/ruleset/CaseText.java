package io.handoff.ruleset;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A case file's text read as a case. Every mistake is named in the analyst's words, by file, line and column
 * ({@code rules/cases/x.yaml, line 7, column 3: ...}), never by a parser's stack trace.
 */
final class CaseText {
    private CaseText() {
    }

    static RuleCase parse(String text, String file, ObjectMapper yaml, Set<String> keys) {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(at(file, e.getLocation()) + "the YAML cannot be read: " + problem(e), e);
        } catch (RuntimeException e) { // the YAML reader's own failures (an index out of bounds on long text with emoji)
            throw new IllegalArgumentException(file + ": the YAML cannot be read (" + e.getClass().getSimpleName()
                    + " in the YAML reader): check the file's structure and its longest values", e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException(file + ": the file is empty; a case has name, contract and expect (and may have history)");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ", line 1: a case is a mapping with the keys name, contract and expect");
        }
        for (String key : node.propertyNames()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(at(file, text, key) + "unknown key '" + key + "' (a case has name, contract, expect and history)");
            }
        }
        if (!node.has("contract") || !node.has("expect")) {
            throw new IllegalArgumentException(file + ": a case needs 'contract' and 'expect'");
        }
        RuleCase.Expectation expect;
        try {
            expect = yaml.treeToValue(node.get("expect"), RuleCase.Expectation.class);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList());
            throw new IllegalArgumentException(at(file, text, e.getPropertyName()) + "unknown key '" + e.getPropertyName()
                    + "' under expect (expect has " + String.join(", ", known) + ")", e);
        } catch (JacksonException e) {
            String field = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
                    .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
            throw new IllegalArgumentException((field.isEmpty() ? file + ": " : at(file, text, field.substring(field.lastIndexOf('.') + 1)))
                    + "expect" + (field.isEmpty() ? "" : "." + field) + " has the wrong form: " + problem(e), e);
        }
        if (expect == null) {
            throw new IllegalArgumentException(file + ": 'expect' is empty");
        }
        return new RuleCase(node.path("name").asString(file), file, node.get("contract"), expect, history(node, text, file, yaml));
    }

    /** The optional {@code history:} block: the counts the service's records would give the contract. */
    private static RuleCase.History history(JsonNode node, String text, String file, ObjectMapper yaml) {
        JsonNode history = node.get("history");
        if (history == null || history.isNull()) {
            return null;
        }
        try {
            return yaml.treeToValue(history, RuleCase.History.class);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList());
            throw new IllegalArgumentException(at(file, text, e.getPropertyName()) + "unknown key '" + e.getPropertyName()
                    + "' under history (history has " + String.join(", ", known) + ")", e);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException(at(file, text, "history") + "history has the wrong form: "
                    + (cause == e ? problem(e) : cause.getMessage()), e);
        }
    }

    /** The parser's own words without its echo of the text and its Java coordinates. */
    private static String problem(JacksonException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String words = Arrays.stream(message.split("\\R"))
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(line -> line.replaceAll("\\s*\\(for [A-Za-z.$]+\\)", "").replaceAll("`[a-z][\\w.]*\\.(\\w+)`", "$1").strip())
                .collect(Collectors.joining(", "));
        return words.isEmpty() ? message.strip() : words;
    }

    private static String at(String file, TokenStreamLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return file + ": ";
        }
        return file + ", line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "") + ": ";
    }

    /** Where a key is written: the first line that starts with it, or only the file when it cannot be found. */
    private static String at(String file, String text, String key) {
        Matcher m = Pattern.compile("(?m)^([ \\t-]*)(['\"]?)" + Pattern.quote(key) + "\\2\\s*:").matcher(text);
        if (!m.find()) {
            return file + ": ";
        }
        int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        return file + ", line " + line + ", column " + (m.group(1).length() + 1) + ": ";
    }
}
