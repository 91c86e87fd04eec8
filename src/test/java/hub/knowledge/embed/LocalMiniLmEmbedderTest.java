package hub.knowledge.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The local all-MiniLM-L6-v2 model: shape, batching, meaning, and its speed on this machine. */
class LocalMiniLmEmbedderTest {

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void embedsEveryTextInOrderAcrossBatches() {
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder(4);
        List<String> texts = IntStream.range(0, 10).mapToObj(i -> "sentence number " + i).toList();

        List<float[]> batched = embedder.embed(texts);

        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(batched).hasSize(10).allSatisfy(v -> assertThat(v).hasSize(384));
        // order kept: each vector is the one of its own text, embedded alone
        for (int i : new int[] {0, 5, 9}) {
            assertThat(cosine(batched.get(i), embedder.embed(texts.get(i)))).isGreaterThan(0.9999);
        }
        assertThat(cosine(batched.get(0), batched.get(9))).isLessThan(0.9999);
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedTexts() {
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder();
        List<float[]> v = embedder.embed(List.of(
                "can I get my money back?",
                "Refunds are paid to the original payment method within 14 days of the return.",
                "Our shop is open Monday to Saturday from 9 am to 8 pm."));

        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.1);
    }

    @Test
    void throughputOnThisMachine() {
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder().warmUp();
        String chunk = "Our return policy lets you send back any unused item within 30 days of delivery. "
                       + "Refunds are issued to the original payment method once the warehouse has inspected the parcel. ";
        List<String> texts = IntStream.range(0, 64).mapToObj(i -> i + ". " + chunk.repeat(5)).toList();  // ~1000 chars, like chunks

        long start = System.nanoTime();
        List<float[]> vectors = embedder.embed(texts);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(vectors).hasSize(64);
        System.out.printf("LocalMiniLmEmbedder: %d chunks of ~%d chars in %.2f s = %.1f chunks/s (%d cores)%n",
                texts.size(), texts.get(0).length(), seconds, texts.size() / seconds, Runtime.getRuntime().availableProcessors());
    }
}
