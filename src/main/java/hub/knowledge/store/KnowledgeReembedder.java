package hub.knowledge.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import hub.knowledge.embed.Embedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-embeds a chatbot's knowledge with the configured model, e.g. after switching from the local
 * model to OpenAI (or back). Source by source: a source's chunks are read, embedded in batches
 * (no transaction open meanwhile), then all their embeddings and the source's model are written in
 * one transaction. So at any moment every source is searchable, either with the old model (by full
 * text) or the new one (hybrid), and a stopped run can simply be started again: sources already on
 * the model are skipped. A source re-processed while it was being re-embedded is retried once.
 */
public class KnowledgeReembedder {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeReembedder.class);

    /** What a run did. {@code failures} holds "source id: message" for each source left on its old embeddings. */
    public record Report(UUID chatbotId, String model, int dimensions, int sources, int reembedded, int skipped,
                         int failed, long chunks, Duration elapsed, List<String> failures) {

        public double chunksPerSecond() {
            return elapsed.isZero() ? 0 : chunks * 1000.0 / elapsed.toMillis();
        }
    }

    private final KnowledgeSources sources;
    private final Embedder embedder;
    private final int batchSize;

    /** @param batchSize chunks embedded per call of the embedder between progress log lines (default 256) */
    public KnowledgeReembedder(KnowledgeSources sources, Embedder embedder, int batchSize) {
        this.sources = sources;
        this.embedder = embedder;
        this.batchSize = batchSize <= 0 ? 256 : batchSize;
    }

    public KnowledgeReembedder(KnowledgeSources sources, Embedder embedder) {
        this(sources, embedder, 256);
    }

    /** Re-embeds the chatbot's sources that are not on the configured model yet. */
    public Report reembed(UUID chatbotId) {
        return reembed(chatbotId, false);
    }

    /** @param force also re-embed sources already on the configured model */
    public Report reembed(UUID chatbotId, boolean force) {
        long start = System.nanoTime();
        List<KnowledgeSource> all = sources.sourcesWithChunks(chatbotId);
        int reembedded = 0;
        int skipped = 0;
        long chunks = 0;
        List<String> failures = new ArrayList<>();
        log.info("re-embedding chatbot {}: {} sources with chunks, model {} ({} dims)", chatbotId, all.size(),
                embedder.model(), embedder.dimensions());
        for (KnowledgeSource source : all) {
            if (!force && embedder.model().equals(source.embeddingModel())
                    && Integer.valueOf(embedder.dimensions()).equals(source.embeddingDimensions())) {
                skipped++;
                continue;
            }
            RuntimeException last = null;
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    chunks += reembed(source.ref());
                    reembedded++;
                    last = null;
                    break;
                } catch (IllegalStateException e) {
                    last = e;  // re-processed meanwhile: read its new chunks and try once more
                } catch (RuntimeException e) {
                    last = e;
                    break;
                }
            }
            if (last != null) {
                failures.add(source.id() + ": " + last.getMessage());
                log.warn("re-embedding source {} ({}) of chatbot {} failed, it keeps its old embeddings: {}",
                        source.id(), source.name(), chatbotId, last.toString());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Report report = new Report(chatbotId, embedder.model(), embedder.dimensions(), all.size(), reembedded, skipped,
                failures.size(), chunks, elapsed, List.copyOf(failures));
        log.info("re-embedded chatbot {}: {} sources re-embedded, {} already on {}, {} failed; {} chunks in {} ms",
                chatbotId, reembedded, skipped, embedder.model(), failures.size(), chunks, elapsed.toMillis());
        return report;
    }

    private int reembed(SourceRef ref) {
        List<KnowledgeSources.ChunkText> chunks = sources.chunkTexts(ref);
        List<float[]> vectors = embedder.embed(chunks.stream().map(KnowledgeSources.ChunkText::content).toList(), batchSize,
                embedded -> log.debug("re-embedding source {}: {} of {} chunks", ref.sourceId(), embedded, chunks.size()));
        sources.replaceEmbeddings(ref, chunks.stream().map(KnowledgeSources.ChunkText::id).toList(), vectors,
                embedder.model(), embedder.dimensions());
        return chunks.size();
    }
}
