package io.handoff.contract;

import io.handoff.text.Shortened;

import java.util.regex.Pattern;

/**
 * A JSON parser's complaint in words a caller can act on: what was wrong and where, without the parser's
 * configuration switches ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}), limits' getter names or source excerpts.
 */
public final class ParserMessages {
    private static final Pattern ENABLE_SWITCH = Pattern.compile("[:;,]?\\s*(enable|disable) `[^`]*`( to allow)?[^;)]*");
    private static final Pattern FROM_GETTER = Pattern.compile(",?\\s*from `[^`]*`");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\s*(start marker )?at \\[Source:[^\\]]*\\]\\)?");
    private static final Pattern ANY_CODE = Pattern.compile("`[^`]*`");
    private static final int MAX = 200;

    private ParserMessages() {
    }

    public static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "the body is not valid JSON";
        }
        String text = ENABLE_SWITCH.matcher(message).replaceAll("");
        text = FROM_GETTER.matcher(text).replaceAll("");
        text = SOURCE.matcher(text).replaceAll("");
        text = ANY_CODE.matcher(text).replaceAll("a limit").replaceAll("\\s+", " ").trim();
        if (text.startsWith("Non-standard token")) {
            text += " (JSON has no NaN or Infinity)";
        }
        return Shortened.to(text, MAX, "…");
    }
}
