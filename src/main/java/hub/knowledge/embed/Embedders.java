package hub.knowledge.embed;

import java.util.Locale;

/** Builds the configured embedder: {@code local} (default) or {@code openai}. */
public final class Embedders {

    private Embedders() {
    }

    /**
     * @param provider  "local" (all-MiniLM-L6-v2, 384 dims, no network) or "openai"; blank = local
     * @param batchSize texts per model call; 0 = 32
     * @param openai    the OpenAI settings, required for "openai"
     */
    public static Embedder create(String provider, int batchSize, OpenAiEmbedder.Options openai) {
        String p = provider == null || provider.isBlank() ? "local" : provider.strip().toLowerCase(Locale.ROOT);
        int batch = batchSize <= 0 ? BatchingEmbedder.DEFAULT_BATCH_SIZE : batchSize;
        return switch (p) {
            case "local" -> new LocalMiniLmEmbedder(batch);
            case "openai" -> {
                if (openai == null) {
                    throw new IllegalArgumentException("embedding provider openai needs its settings (API key)");
                }
                yield new OpenAiEmbedder(openai.batching(batchSize <= 0 ? openai.batchSize() : batch));
            }
            default -> throw new IllegalArgumentException("unknown embedding provider '" + provider + "' (local or openai)");
        };
    }
}
