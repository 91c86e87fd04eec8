package hub.knowledge.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts a document into passages of about {@code size} characters that overlap by about {@code overlap}.
 * Cuts prefer a paragraph break, then a sentence end, then a line break, then a space; a word is cut
 * only when it alone is longer than a chunk. Boundaries are found in the original text (where the
 * paragraph breaks still are); whitespace is collapsed only in the finished chunk. Each section is cut
 * on its own, so a chunk never spans two pages or two headings.
 */
public final class Chunker {

    private static final String CLOSERS = "\"'”’)]»";
    private static final String SENTENCE_ENDS = ".!?…";
    private static final String CJK_SENTENCE_ENDS = "。！？";

    private final int size;
    private final int overlap;

    public Chunker() {
        this(ChunkerOptions.defaults());
    }

    public Chunker(ChunkerOptions options) {
        this.size = options.size();
        this.overlap = options.overlap();
    }

    /** Chunks with source_type taken from the document's type and no URL. */
    public List<Chunk> chunk(ExtractedDocument document, String sourceName) {
        return chunk(document, document.type().wireName(), sourceName, null);
    }

    /**
     * @param sourceType the knowledge source's type as stored (e.g. "url" for a fetched page)
     * @param sourceName the knowledge source's name
     * @param url        the page's address for URL sources, null otherwise
     */
    public List<Chunk> chunk(ExtractedDocument document, String sourceType, String sourceName, String url) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : mergeSmallSections(document.sections())) {
            for (String text : split(section.text())) {
                int index = chunks.size();
                chunks.add(new Chunk(index, text, metadata(index, sourceType, sourceName, url, section)));
            }
        }
        return chunks;
    }

    private static Map<String, Object> metadata(int index, String sourceType, String sourceName, String url,
            Section section) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("chunk_index", index);
        putIfKnown(metadata, "source_type", sourceType);
        putIfKnown(metadata, "source_name", sourceName);
        putIfKnown(metadata, "page", section.page());
        putIfKnown(metadata, "url", url);
        putIfKnown(metadata, "heading", section.heading());
        return Collections.unmodifiableMap(metadata);
    }

    private static void putIfKnown(Map<String, Object> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    /** Joins consecutive sections of the same page and heading while together they fit in one chunk. */
    List<Section> mergeSmallSections(List<Section> sections) {
        List<Section> merged = new ArrayList<>();
        Section current = null;
        int currentLength = 0;
        for (Section section : sections) {
            int length = collapsedLength(section.text());
            if (current != null && Objects.equals(current.page(), section.page())
                    && Objects.equals(current.heading(), section.heading())
                    && currentLength + 1 + length <= size) {
                current = new Section(current.text() + "\n\n" + section.text(), current.page(), current.heading());
                currentLength += 1 + length;
            } else {
                if (current != null) {
                    merged.add(current);
                }
                current = section;
                currentLength = length;
            }
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }

    /** The chunks of one text, in order, each at most {@code size} characters once whitespace is collapsed. */
    List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        int length = text.length();
        int start = skipSpaces(text, 0);
        int previousEnd = 0;
        while (start < length) {
            Window window = window(text, start);
            int end = window.limit >= length ? length : cut(text, start, window);
            if (end <= previousEnd) {
                // the overlap alone would make this chunk (a long word follows it): start after it instead
                start = skipSpaces(text, previousEnd);
                continue;
            }
            String chunk = Whitespace.collapse(text, start, end);
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
            if (end >= length) {
                break;
            }
            previousEnd = end;
            start = skipSpaces(text, nextStart(text, start, end, chunk.length()));
        }
        return chunks;
    }

    /**
     * How far a chunk starting at {@code start} may reach: {@code limit} is the end (exclusive) of the
     * longest span whose collapsed text fits in {@code size}; {@code half} is where it reaches half of that.
     */
    private record Window(int half, int limit) {
    }

    private Window window(String text, int start) {
        int count = 0;
        int half = -1;
        boolean pendingSpace = false;
        for (int i = start; i < text.length(); i++) {
            if (Whitespace.isSpace(text.charAt(i))) {
                pendingSpace = count > 0;
                continue;
            }
            int added = pendingSpace ? 2 : 1;
            if (count + added > size) {
                return new Window(half < 0 ? i : half, i);
            }
            count += added;
            pendingSpace = false;
            if (half < 0 && count >= size / 2) {
                half = i + 1;
            }
        }
        return new Window(half < 0 ? text.length() : half, text.length());
    }

    /** The end of the chunk: the best boundary in [half, limit], or a shorter word, or a hard cut. */
    private static int cut(String text, int start, Window window) {
        int sentence = -1;
        int line = -1;
        int word = -1;
        for (int p = window.limit; p >= window.half && p > start; p--) {
            char c = text.charAt(p);
            if (c == '\n' && isBlankLineAt(text, p)) {
                return p;
            }
            if (sentence < 0 && isSentenceEnd(text, start, p)) {
                sentence = p;
            }
            if (line < 0 && c == '\n') {
                line = p;
            }
            if (word < 0 && Whitespace.isSpace(c) && !Whitespace.isSpace(text.charAt(p - 1))) {
                word = p;
            }
        }
        if (sentence > 0) {
            return sentence;
        }
        if (line > 0) {
            return line;
        }
        if (word > 0) {
            return word;
        }
        for (int p = window.half - 1; p > start; p--) {
            if (Whitespace.isSpace(text.charAt(p))) {
                return p;
            }
        }
        // a single word longer than a chunk: cut it, but never between the halves of a surrogate pair
        int hard = window.limit;
        return Character.isLowSurrogate(text.charAt(hard)) && hard - 1 > start ? hard - 1 : hard;
    }

    /** A paragraph break starts at p: a line break followed by a line holding only whitespace. */
    private static boolean isBlankLineAt(String text, int p) {
        for (int i = p + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Whitespace.isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A sentence ends just before p: ".", "!", "?" or "…" (possibly followed by quotes or brackets) then
     * whitespace, but not list numbers like "2." or initials like "J."; or a CJK full stop.
     */
    private static boolean isSentenceEnd(String text, int start, int p) {
        char previous = text.charAt(p - 1);
        if (CJK_SENTENCE_ENDS.indexOf(previous) >= 0) {
            return true;
        }
        if (!Whitespace.isSpace(text.charAt(p))) {
            return false;
        }
        int k = p - 1;
        while (k > start && p - k <= 3 && CLOSERS.indexOf(text.charAt(k)) >= 0) {
            k--;
        }
        if (SENTENCE_ENDS.indexOf(text.charAt(k)) < 0) {
            return false;
        }
        int wordStart = k;
        while (wordStart > start && !Whitespace.isSpace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, k);
        boolean listNumber = !word.isEmpty() && word.length() <= 3 && word.chars().allMatch(Character::isDigit);
        boolean initial = word.length() == 1 && Character.isUpperCase(word.charAt(0));
        return !listNumber && !initial && !word.isEmpty();
    }

    /**
     * Where the next chunk starts: about {@code overlap} characters before {@code end}, moved forward to
     * the start of a word, and never before half of the chunk just made (so that chunking always moves on).
     */
    private int nextStart(String text, int start, int end, int chunkLength) {
        int budget = Math.min(overlap, chunkLength / 2);
        if (budget == 0) {
            return end;
        }
        int count = 0;
        boolean pendingSpace = false;
        int p = end;
        while (p > start) {
            char c = text.charAt(p - 1);
            if (Whitespace.isSpace(c)) {
                pendingSpace = count > 0;
                p--;
                continue;
            }
            int added = pendingSpace ? 2 : 1;
            if (count + added > budget) {
                break;
            }
            count += added;
            pendingSpace = false;
            p--;
        }
        // p may sit inside a word: move on to the next word start
        if (p > start && !Whitespace.isSpace(text.charAt(p - 1))) {
            while (p < end && !Whitespace.isSpace(text.charAt(p))) {
                p++;
            }
        }
        p = skipSpaces(text, p);
        return p <= start || p >= end ? end : p;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Whitespace.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int collapsedLength(String text) {
        return Whitespace.collapse(text).length();
    }
}
