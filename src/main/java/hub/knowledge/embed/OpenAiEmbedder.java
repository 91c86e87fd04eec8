package hub.knowledge.embed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * OpenAI (or any OpenAI-compatible server) embeddings over {@code POST {baseUrl}/embeddings}.
 * One request per batch of {@link Options#batchSize()} texts.
 */
public final class OpenAiEmbedder extends BatchingEmbedder {

    /**
     * @param baseUrl    API base, default {@code https://api.openai.com/v1} (a proxy, gateway or local server works too)
     * @param apiKey     bearer key (required)
     * @param model      default {@code text-embedding-3-small}
     * @param dimensions the vector size; null = the model's native size (1536 for text-embedding-3-small and
     *                   ada-002, 3072 for text-embedding-3-large). When set it is also sent as the request's
     *                   {@code dimensions} (text-embedding-3 models can shorten their vectors).
     * @param timeout    per request, default 30 s
     * @param batchSize  texts per request, default 32
     * @param maxRetries retries of a failed request by the client, default 2
     */
    public record Options(String baseUrl, String apiKey, String model, Integer dimensions, Duration timeout,
                          int batchSize, int maxRetries) {

        public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
        public static final String DEFAULT_MODEL = "text-embedding-3-small";

        public Options {
            baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : baseUrl;
            model = blank(model) ? DEFAULT_MODEL : model;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            batchSize = batchSize <= 0 ? DEFAULT_BATCH_SIZE : batchSize;
            maxRetries = Math.max(0, maxRetries);
        }

        /** Defaults for everything but the key. */
        public static Options withKey(String apiKey) {
            return new Options(null, apiKey, null, null, null, 0, 2);
        }

        public Options baseUrl(String value) {
            return new Options(value, apiKey, model, dimensions, timeout, batchSize, maxRetries);
        }

        public Options model(String value, Integer dims) {
            return new Options(baseUrl, apiKey, value, dims, timeout, batchSize, maxRetries);
        }

        public Options batching(int size) {
            return new Options(baseUrl, apiKey, model, dimensions, timeout, size, maxRetries);
        }

        public Options timing(Duration value, int retries) {
            return new Options(baseUrl, apiKey, model, dimensions, value, batchSize, retries);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    private final Options options;
    private final int dimensions;
    private final OpenAiEmbeddingModel client;

    public OpenAiEmbedder(Options options) {
        super(options.batchSize());
        if (options.apiKey() == null || options.apiKey().isBlank()) {
            throw new IllegalArgumentException("OpenAI embeddings need an API key");
        }
        this.options = options;
        this.dimensions = options.dimensions() != null ? options.dimensions() : nativeDimensions(options.model());
        OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
                .baseUrl(options.baseUrl())
                .apiKey(options.apiKey())
                .modelName(options.model())
                .timeout(options.timeout())
                .maxRetries(options.maxRetries())
                .maxSegmentsPerBatch(options.batchSize());
        if (options.dimensions() != null) {
            builder.dimensions(options.dimensions());
        }
        this.client = builder.build();
    }

    /** The native vector size of the known OpenAI embedding models (1536 for unknown ones: set it explicitly). */
    static int nativeDimensions(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.contains("text-embedding-3-large") ? 3072 : 1536;
    }

    @Override
    public String model() {
        return options.model();
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    protected List<float[]> embedBatch(List<String> batch) {
        List<Embedding> embeddings;
        try {
            embeddings = client.embedAll(batch.stream().map(TextSegment::from).toList()).content();
        } catch (RuntimeException e) {
            throw new EmbeddingException("OpenAI embeddings (" + options.model() + ") failed: " + e.getMessage(), e);
        }
        if (embeddings == null) {
            throw new EmbeddingException("OpenAI embeddings (" + options.model() + ") returned no data");
        }
        return embeddings.stream().map(Embedding::vector).toList();
    }
}
