package hub.knowledge.extract;

/**
 * @param size    the longest chunk, in characters after whitespace is collapsed (at least 100)
 * @param overlap how much of the end of a chunk the next one repeats, in characters (less than size);
 *                never more than half of the chunk it repeats, so every chunk moves the text on
 */
public record ChunkerOptions(int size, int overlap) {

    public static final int DEFAULT_SIZE = 1000;
    public static final int DEFAULT_OVERLAP = 200;

    public ChunkerOptions {
        if (size < 100) {
            throw new IllegalArgumentException("chunk size must be at least 100 characters, was " + size);
        }
        if (overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("chunk overlap must be at least 0 and less than the size ("
                    + size + "), was " + overlap);
        }
    }

    public static ChunkerOptions defaults() {
        return new ChunkerOptions(DEFAULT_SIZE, DEFAULT_OVERLAP);
    }
}
