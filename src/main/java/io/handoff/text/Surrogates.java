package io.handoff.text;

/** Text that Java can hold and Unicode cannot: a UTF-16 surrogate that is not half of a whole pair. */
public final class Surrogates {
    private Surrogates() {
    }

    /** Whether the text holds a UTF-16 surrogate that is not half of a whole pair (it has no UTF-8 form). */
    public static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++; // a pair: one code point
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
