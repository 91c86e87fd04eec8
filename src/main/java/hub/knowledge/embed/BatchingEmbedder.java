package hub.knowledge.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the input into batches of {@code batchSize} texts, embeds them one batch after the other
 * and checks that every batch came back complete and of the declared dimension.
 */
abstract class BatchingEmbedder implements Embedder {

    /** Default number of texts per model call. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final int batchSize;

    BatchingEmbedder(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Embeds one batch (at most {@link #batchSize()} texts), in order. */
    protected abstract List<float[]> embedBatch(List<String> batch);

    @Override
    public final List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(from + batchSize, texts.size()));
            for (String text : batch) {
                if (text == null) {
                    throw new IllegalArgumentException("cannot embed a null text");
                }
            }
            List<float[]> result = embedBatch(batch);
            if (result.size() != batch.size()) {
                throw new EmbeddingException(model() + " returned " + result.size() + " embeddings for " + batch.size() + " texts");
            }
            for (float[] vector : result) {
                if (vector.length != dimensions()) {
                    throw new EmbeddingException(model() + " returned a vector of " + vector.length
                            + " dimensions, expected " + dimensions());
                }
            }
            vectors.addAll(result);
        }
        return vectors;
    }
}
