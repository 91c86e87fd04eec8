package hub.knowledge.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import hub.knowledge.embed.Embedder;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeReembedder;
import hub.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Re-embedding a chatbot's knowledge with the configured model after a model change (the operator's
 * {@code POST /api/admin/chatbots/{id}/knowledge/reembed}). Runs in the background, one chatbot at a
 * time; {@code GET} on the same path shows the last run of the chatbot. A stopped run is simply
 * started again: sources already on the model are skipped.
 */
@Component
public class KnowledgeReembedding implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeReembedding.class);

    /** A run: running, finished (with its report) or failed (with its error). */
    public record Run(UUID chatbotId, String model, String status, Instant startedAt, Instant finishedAt,
                      KnowledgeReembedder.Report report, String error) {
    }

    private final KnowledgeReembedder reembedder;
    private final Embedder embedder;
    private final JdbcTemplate jdbc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "knowledge-reembed");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

    public KnowledgeReembedding(KnowledgeReembedder reembedder, Embedder embedder, JdbcTemplate jdbc) {
        this.reembedder = reembedder;
        this.embedder = embedder;
        this.jdbc = jdbc;
    }

    /** Starts re-embedding the chatbot (any organisation's); 409 while a run of it is going on. */
    public Run start(UUID chatbotId, boolean force) {
        Boolean exists = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM chatbots WHERE id = ?)", Boolean.class, chatbotId);
        if (!Boolean.TRUE.equals(exists)) {
            throw KnowledgeNotFoundException.chatbot();
        }
        Run running = new Run(chatbotId, embedder.model(), "running", Instant.now(), null, null, null);
        Run previous = runs.compute(chatbotId, (id, current) ->
                current != null && "running".equals(current.status()) ? current : running);
        if (previous != running) {
            throw new ApiError(409, "already_running", "The knowledge of this chatbot is being re-embedded already");
        }
        worker.submit(() -> {
            try {
                KnowledgeReembedder.Report report = reembedder.reembed(chatbotId, force);
                runs.put(chatbotId, new Run(chatbotId, report.model(), report.failed() == 0 ? "finished" : "finished_with_failures",
                        running.startedAt(), Instant.now(), report, null));
            } catch (RuntimeException e) {
                log.error("Re-embedding chatbot {} failed", chatbotId, e);
                runs.put(chatbotId, new Run(chatbotId, running.model(), "failed", running.startedAt(), Instant.now(), null,
                        "Re-embedding failed unexpectedly; start it again"));
            }
        });
        return running;
    }

    public Optional<Run> last(UUID chatbotId) {
        return Optional.ofNullable(runs.get(chatbotId));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
