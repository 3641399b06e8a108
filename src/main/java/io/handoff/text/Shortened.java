package io.handoff.text;

/**
 * Text cut for a message or a bounded column: never half of a surrogate pair. A message quoting analyst or caller text
 * (an emoji at the cut) would otherwise end in half a pair, which has no UTF-8 form: the candidate check's report could
 * not be written, a JSON answer could not be, and a record would not hold what it was given.
 */
public final class Shortened {
    private Shortened() {
    }

    /** The text itself when it has at most {@code max} characters, else its first {@code max} (or {@code max - 1}) plus {@code tail}. */
    public static String to(String text, int max, String tail) {
        if (text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut) + tail;
    }

    /** The text itself when it has at most {@code max} characters, else cut so that it and {@code tail} fit in {@code max}. */
    public static String within(String text, int max, String tail) {
        return text.length() <= max ? text : to(text, max - tail.length(), tail);
    }
}
