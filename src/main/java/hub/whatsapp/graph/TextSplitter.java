package hub.whatsapp.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into ordered parts of at most {@code maxChars} UTF-16 units, cutting at the last
 * paragraph break, else line break, else sentence end, else whitespace that fits, else hard, but
 * never inside a surrogate pair. Whitespace at a cut is dropped. Counting UTF-16 units is
 * conservative: a part never exceeds the limit however Meta counts characters.
 */
public final class TextSplitter {

    /** WhatsApp's limit on a text message body. */
    public static final int WHATSAPP_TEXT_LIMIT = 4096;

    private TextSplitter() {
    }

    public static List<String> split(String text) {
        return split(text, WHATSAPP_TEXT_LIMIT);
    }

    public static List<String> split(String text, int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2");
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > maxChars) {
            int cut = cutPoint(rest, maxChars);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isBlank()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Where to end the next part: an index in (0, maxChars], rest being longer than maxChars. */
    static int cutPoint(String rest, int maxChars) {
        // A boundary early in the window would leave a tiny part; only accept the preferred kinds
        // of boundary in the second half of the window.
        int preferredFrom = maxChars / 2;
        int cut = lastParagraphBreak(rest, maxChars, preferredFrom);
        if (cut < 0) {
            cut = lastLineBreak(rest, maxChars, preferredFrom);
        }
        if (cut < 0) {
            cut = lastSentenceEnd(rest, maxChars, preferredFrom);
        }
        if (cut < 0) {
            cut = lastWhitespace(rest, maxChars);
        }
        if (cut <= 0) {
            cut = maxChars;
            if (Character.isHighSurrogate(rest.charAt(cut - 1)) && Character.isLowSurrogate(rest.charAt(cut))) {
                cut--;
            }
        }
        return cut;
    }

    private static int lastParagraphBreak(String s, int max, int from) {
        for (int i = max; i >= from && i > 1; i--) {
            if (s.charAt(i) == '\n' && s.charAt(i - 1) == '\n') {
                return i - 1;
            }
        }
        return -1;
    }

    private static int lastLineBreak(String s, int max, int from) {
        for (int i = max; i >= from && i > 0; i--) {
            if (s.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastSentenceEnd(String s, int max, int from) {
        for (int i = max; i >= from && i > 0; i--) {
            char before = s.charAt(i - 1);
            if (isFullWidthStop(before)) {
                return i;
            }
            if (Character.isWhitespace(s.charAt(i)) && endsSentence(s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** True when the text before index i ends a sentence: . ! ? or … optionally followed by closing quotes/brackets. */
    private static boolean endsSentence(String s, int i) {
        int j = i - 1;
        while (j > 0 && "\"')]»”’".indexOf(s.charAt(j)) >= 0) {
            j--;
        }
        char c = s.charAt(j);
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isFullWidthStop(char c) {
        return c == '。' || c == '！' || c == '？';
    }

    private static int lastWhitespace(String s, int max) {
        for (int i = max; i > 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
