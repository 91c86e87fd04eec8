package hub.knowledge.api;

import java.util.LinkedHashMap;
import java.util.Map;

import hub.knowledge.fetch.DiscoveredPage;
import hub.knowledge.store.KnowledgeSearch;
import hub.knowledge.store.KnowledgeSource;
import hub.knowledge.store.QuotaCheck;
import hub.knowledge.store.QuotaReport;
import hub.knowledge.store.SourceType;

/** The JSON shapes of the knowledge API (null values are left out by the hub's Jackson settings). */
public final class KnowledgeViews {

    private KnowledgeViews() {
    }

    public static Map<String, Object> source(KnowledgeSource s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("chatbotId", s.chatbotId());
        view.put("type", s.type().dbValue());
        view.put("name", s.name());
        if (s.type() == SourceType.URL) {
            view.put("url", s.filePath());
        } else {
            view.put("fileName", s.originalFilename());
        }
        view.put("contentType", s.contentType());
        view.put("sizeBytes", s.fileSizeBytes());
        view.put("status", s.status().dbValue());
        view.put("error", s.errorMessage());
        view.put("chunkCount", s.chunksCount());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("embedded", s.chunksEmbedded());
        progress.put("total", s.chunksTotal());
        view.put("progress", progress);
        view.put("embeddingModel", s.chunksCount() > 0 ? s.embeddingModel() : null);
        view.put("embeddingDimensions", s.chunksCount() > 0 ? s.embeddingDimensions() : null);
        view.put("contentHash", s.contentHash());
        view.put("createdAt", s.createdAt());
        view.put("updatedAt", s.updatedAt());
        view.put("lastSyncedAt", s.lastSyncedAt());
        view.put("processingStartedAt", s.processingStartedAt());
        view.put("processingCompletedAt", s.processingCompletedAt());
        view.put("processingTimeSeconds", s.processingTimeSeconds());
        return view;
    }

    public static Map<String, Object> quotaCheck(QuotaCheck q) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("quota", q.quota());
        view.put("current", q.current());
        view.put("max", q.max());
        view.put("remaining", q.remaining());
        return view;
    }

    public static Map<String, Object> quota(QuotaReport q) {
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("currentBytes", q.storage().currentBytes());
        storage.put("currentMb", q.storage().currentMb());
        storage.put("maxMb", q.storage().maxMb());
        storage.put("remainingMb", q.storage().remainingMb());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("documents", usage(q.documents()));
        view.put("urls", usage(q.urls()));
        view.put("storage", storage);
        view.put("dailyIngestions", usage(q.dailyIngestions()));
        return view;
    }

    private static Map<String, Object> usage(QuotaReport.Usage u) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("current", u.current());
        view.put("max", u.max());
        view.put("remaining", u.remaining());
        return view;
    }

    public static Map<String, Object> passage(KnowledgeSearch.Passage p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("chunkId", p.chunkId());
        view.put("sourceId", p.sourceId());
        view.put("sourceName", p.sourceName());
        view.put("sourceType", p.sourceType());
        view.put("chunkIndex", p.chunkIndex());
        view.put("content", p.content());
        view.put("score", p.score());
        view.put("similarity", p.similarity());
        view.put("page", p.page());
        view.put("url", p.url());
        view.put("heading", p.heading());
        return view;
    }

    public static Map<String, Object> page(DiscoveredPage p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("url", p.url());
        view.put("title", p.title());
        view.put("relevanceScore", p.relevanceScore());
        view.put("depth", p.depth());
        view.put("preview", p.preview());
        view.put("suggested", p.suggested());
        return view;
    }
}
