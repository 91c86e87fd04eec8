package hub.knowledge.extract;

/** The one notion of whitespace used for extraction and chunking (includes no-break spaces). */
final class Whitespace {

    private Whitespace() {
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    /** text[from, to) with every run of whitespace turned into one space, without leading or trailing space. */
    static String collapse(CharSequence text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        boolean pendingSpace = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static String collapse(CharSequence text) {
        return collapse(text, 0, text.length());
    }
}
