package hub.knowledge.embed;

import java.util.List;

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

    /** The vector of one text (e.g. a search query). */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }
}
