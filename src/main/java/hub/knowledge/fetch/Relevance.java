package hub.knowledge.fetch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Relevance of a crawled page, in hundredths so the shown score and {@code suggested} agree.
 * <ul>
 *   <li>With keywords: 0.70 when a keyword starts a word of the title/h1 or of the URL path (never the
 *       host name), 0.90 when one is in both, +0.10 when two or more different keywords match; minus
 *       0.05 per depth level; pages without any keyword score 0.</li>
 *   <li>Without keywords: 1.00 minus 0.30 per depth level.</li>
 *   <li>Suggested at 0.50 or more (without keywords: depth 0 and 1).</li>
 * </ul>
 * Matching ignores case, accents and punctuation, so "preguntas frecuentes" matches
 * {@code /preguntas-frecuentes} and "doc" matches "Documentation" but "api" does not match "rapid".
 */
final class Relevance {

    static final int SUGGESTED_AT = 50;

    private final List<String> keywords;

    Relevance(List<String> keywords) {
        this.keywords = keywords.stream().map(Relevance::words).filter(k -> !k.isBlank()).distinct().toList();
    }

    /** Score in hundredths (0..100). */
    int score(URI url, String title, String h1, int depth) {
        if (keywords.isEmpty()) {
            return Math.max(0, 100 - 30 * depth);
        }
        String heading = " " + words(title) + " " + words(h1) + " ";
        String path = " " + words(decode(url.getRawPath())) + " ";
        int best = 0;
        int matched = 0;
        for (String keyword : keywords) {
            boolean inHeading = heading.contains(" " + keyword);
            boolean inPath = path.contains(" " + keyword);
            if (inHeading || inPath) {
                matched++;
                best = Math.max(best, inHeading && inPath ? 90 : 70);
            }
        }
        if (best == 0) {
            return 0;
        }
        int score = Math.min(100, best + (matched >= 2 ? 10 : 0)) - 5 * depth;
        return Math.max(0, score);
    }

    /** Lower case, accents removed, every run of non letters/digits becomes one space. */
    static String words(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String decode(String rawPath) {
        if (rawPath == null) {
            return "";
        }
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }
}
