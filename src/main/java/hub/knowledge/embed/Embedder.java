package hub.knowledge.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Turns texts into embedding vectors with one model. Implementations batch internally, keep the
 * order of the input and return exactly one vector of {@link #dimensions()} floats per text.
 * Failures are reported as {@link EmbeddingException} with a message a user can read.
 */
public interface Embedder {

    /** The model name recorded with every chunk (document_chunks.embedding_model). */
    String model();

    /** The size of every vector this embedder returns. */
    int dimensions();

    /** One vector per text, in input order. An empty list gives an empty list. */
    List<float[]> embed(List<String> texts);

    /** {@link #embed(List)} in calls of {@code batchSize} texts, telling {@code progress} the count embedded after each. */
    default List<float[]> embed(List<String> texts, int batchSize, IntConsumer progress) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            vectors.addAll(embed(texts.subList(from, Math.min(from + batchSize, texts.size()))));
            progress.accept(vectors.size());
        }
        return vectors;
    }

    /** The vector of one text (e.g. a search query). */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }
}
