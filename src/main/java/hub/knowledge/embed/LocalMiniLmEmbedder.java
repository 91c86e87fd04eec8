package hub.knowledge.embed;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The local all-MiniLM-L6-v2 model (quantized, ONNX, shipped inside a Maven artifact): 384
 * dimensions, no network. The model (about 23 MB, ~100 ms to load) is loaded on first use and
 * shared by every instance of this class in the JVM. Inside a batch the texts are embedded in
 * parallel on langchain4j's executor (one thread per core). Texts over 510 word pieces are split
 * by the model and their parts averaged.
 */
public final class LocalMiniLmEmbedder extends BatchingEmbedder {

    /** The name recorded with chunks embedded by this model. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    /** The model was trained on English text only. */
    public static final java.util.Set<String> LANGUAGES = java.util.Set.of("en");

    private static final Object LOCK = new Object();
    private static volatile EmbeddingModel shared;

    /** The model, loaded once per JVM on first use; a failed load is retried on the next call. */
    private static EmbeddingModel sharedModel() {
        EmbeddingModel model = shared;
        if (model == null) {
            synchronized (LOCK) {
                model = shared;
                if (model == null) {
                    try {
                        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    } catch (RuntimeException | LinkageError e) {
                        throw new EmbeddingException("the local embedding model could not be loaded: " + e, e);
                    }
                    shared = model;
                }
            }
        }
        return model;
    }

    public LocalMiniLmEmbedder() {
        this(DEFAULT_BATCH_SIZE);
    }

    public LocalMiniLmEmbedder(int batchSize) {
        super(batchSize);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /** Loads the model now (e.g. at startup) instead of on the first embedding. */
    public LocalMiniLmEmbedder warmUp() {
        embed("warm up");
        return this;
    }

    @Override
    protected List<float[]> embedBatch(List<String> batch) {
        List<TextSegment> segments = batch.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings;
        try {
            embeddings = sharedModel().embedAll(segments).content();
        } catch (EmbeddingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmbeddingException("local embedding failed: " + e.getMessage(), e);
        }
        return embeddings.stream().map(Embedding::vector).toList();
    }
}
