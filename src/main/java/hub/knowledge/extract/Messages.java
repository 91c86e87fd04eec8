package hub.knowledge.extract;

import java.util.regex.Pattern;

/** Turns a library's exception into a short reason fit for a user-facing message. */
final class Messages {

    private static final int MAX_REASON = 120;
    /** "org.apache.xmlbeans.XmlException: " and the like, which mean nothing to a user. */
    private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*:\\s*");

    private Messages() {
    }

    /** The exception's message on one line, printable characters only, bounded in length. */
    static String reason(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && out.length() < MAX_REASON; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? ' ' : c);
        }
        String reason = JAVA_CLASS_PREFIX.matcher(Whitespace.collapse(out)).replaceFirst("");
        reason = reason.replaceFirst("^error: ", "").replaceFirst("[.\\s]+$", "");
        return message.length() > MAX_REASON ? reason + "…" : reason;
    }
}
