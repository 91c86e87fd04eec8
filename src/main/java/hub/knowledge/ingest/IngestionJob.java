package hub.knowledge.ingest;

import java.util.List;

import hub.knowledge.extract.Chunk;
import hub.knowledge.extract.ExtractedDocument;
import hub.knowledge.fetch.FetchedPage;
import hub.knowledge.store.KnowledgeSource;
import hub.knowledge.store.SourceRef;
import hub.knowledge.store.SourceType;

/** One source going through the ingestion route: the body of its exchange from start to finish. */
public final class IngestionJob {

    private final IngestRequest request;
    private final long startedNanos = System.nanoTime();
    private KnowledgeSource source;
    private boolean skipped;
    private FetchedPage page;
    private ExtractedDocument document;
    private String contentHash;
    private boolean unchanged;
    private List<Chunk> chunks = List.of();
    private List<float[]> embeddings = List.of();
    private long chunkedNanos;
    private long embeddedNanos;

    public IngestionJob(IngestRequest request) {
        this.request = request;
    }

    public IngestRequest request() {
        return request;
    }

    public SourceRef ref() {
        return request.ref();
    }

    public KnowledgeSource source() {
        return source;
    }

    public SourceType type() {
        return source == null ? null : source.type();
    }

    /** The URL of a url source (file_path), else null. */
    public String url() {
        return source != null && source.type() == SourceType.URL ? source.filePath() : null;
    }

    public void start(KnowledgeSource source) {
        this.source = source;
    }

    /** Nothing to do for this request (the source is gone, or a recovery request found it finished). */
    public void skip() {
        this.skipped = true;
    }

    public boolean skipped() {
        return skipped;
    }

    public FetchedPage page() {
        return page;
    }

    public void fetched(FetchedPage page) {
        this.page = page;
    }

    public ExtractedDocument document() {
        return document;
    }

    public void extracted(ExtractedDocument document, String contentHash) {
        this.document = document;
        this.contentHash = contentHash;
    }

    public String contentHash() {
        return contentHash;
    }

    public boolean unchanged() {
        return unchanged;
    }

    public void unchanged(boolean value) {
        this.unchanged = value;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public void chunked(List<Chunk> chunks) {
        this.chunks = List.copyOf(chunks);
        this.chunkedNanos = System.nanoTime();
    }

    public List<float[]> embeddings() {
        return embeddings;
    }

    public void embedded(List<float[]> embeddings) {
        this.embeddings = List.copyOf(embeddings);
        this.embeddedNanos = System.nanoTime();
    }

    /** Milliseconds from the start to the end of chunking (fetching, extracting, fingerprinting, chunking). */
    public long preparationMillis() {
        return chunkedNanos == 0 ? 0 : (chunkedNanos - startedNanos) / 1_000_000;
    }

    /** Milliseconds spent embedding. */
    public long embeddingMillis() {
        return embeddedNanos == 0 || chunkedNanos == 0 ? 0 : (embeddedNanos - chunkedNanos) / 1_000_000;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
