package hub.llm;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;

/** Tells a provider limit (HTTP 429, quota, rate limit, resource exhausted) from any other LLM failure (S2.17). */
public final class ErrorClassifier {

    /* whole phrases only: "rate" alone would match "generate", "moderate", "separate" (D-17) */
    private static final Pattern LIMIT_TEXT = Pattern.compile(
            "quota|\\brate[ _-]?limit|resource[ _-]?(has been )?exhausted|too many requests|\\b429\\b");

    private static final int MAX_MESSAGE = 500;

    private ErrorClassifier() {
    }

    public static boolean isLimit(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitException) {
                return true;
            }
            if (t instanceof HttpException http && http.statusCode() == 429) {
                return true;
            }
            if (t.getMessage() != null && LIMIT_TEXT.matcher(t.getMessage().toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    static Integer httpStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return null;
    }

    /** The error text recorded with the result (never shown to the customer); bounded in length. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank()
                ? error.getClass().getSimpleName()
                : message.strip();
        Integer status = httpStatus(error);
        if (status != null && !text.contains(String.valueOf(status))) {
            text = "HTTP " + status + ": " + text;
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }
}
