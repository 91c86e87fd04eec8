package hub.knowledge;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.embed.Embedder;
import hub.knowledge.embed.Embedders;
import hub.knowledge.embed.LocalMiniLmEmbedder;
import hub.knowledge.embed.OpenAiEmbedder;
import hub.knowledge.extract.Chunker;
import hub.knowledge.extract.ChunkerOptions;
import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.extract.ExtractionLimits;
import hub.knowledge.extract.HtmlExtractor;
import hub.knowledge.extract.Section;
import hub.knowledge.fetch.Crawler;
import hub.knowledge.fetch.FetchPolicy;
import hub.knowledge.fetch.PageText;
import hub.knowledge.fetch.SafeFetcher;
import hub.knowledge.store.KnowledgeReembedder;
import hub.knowledge.store.KnowledgeSearch;
import hub.knowledge.store.KnowledgeSources;
import jakarta.servlet.MultipartConfigElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The knowledge base's parts, built from {@code hub.embeddings.*} and {@code hub.ingest.*}: the
 * embedder (local or OpenAI), the one search, the safe fetcher and crawler, the extractor and chunker,
 * and the multipart limits of uploads.
 */
@Configuration(proxyBeanMethods = false)
public class KnowledgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);
    /** Room for the multipart boundaries and part headers around an upload of the maximum size. */
    public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    @Bean
    Embedder embedder(HubProperties hub) {
        HubProperties.Embeddings settings = hub.embeddings();
        HubProperties.OpenAiEmbeddings openai = settings.openai();
        String key = openai.apiKey() == null || openai.apiKey().isBlank() ? hub.llm().openai().apiKey() : openai.apiKey();
        OpenAiEmbedder.Options options = key == null || key.isBlank() ? null
                : new OpenAiEmbedder.Options(openai.baseUrl(), key, openai.model(), openai.dimensions(), openai.timeout(),
                        settings.batchSize(), 2);
        if ("openai".equalsIgnoreCase(settings.provider() == null ? "" : settings.provider().strip()) && options == null) {
            throw new IllegalStateException("hub.embeddings.provider=openai needs hub.embeddings.openai.api-key "
                    + "(or hub.llm.openai.api-key)");
        }
        Embedder embedder = Embedders.create(settings.provider(), settings.batchSize(), options);
        log.info("Knowledge embeddings: {} ({} dimensions)", embedder.model(), embedder.dimensions());
        return embedder;
    }

    @Bean
    KnowledgeSearch knowledgeSearch(JdbcTemplate jdbc, Embedder embedder, HubProperties hub, ObjectMapper mapper) {
        HubProperties.Embeddings settings = hub.embeddings();
        Set<String> languages = settings.languages().stream().map(l -> l.strip().toLowerCase(Locale.ROOT))
                .filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        if (languages.isEmpty() && embedder instanceof LocalMiniLmEmbedder) {
            languages = LocalMiniLmEmbedder.LANGUAGES;
        }
        KnowledgeSearch.Fusion fusion = new KnowledgeSearch.Fusion(languages, settings.textWeight(),
                settings.unfamiliarLanguageTextWeight());
        return new KnowledgeSearch(jdbc, embedder,
                KnowledgeSearch.Options.defaults().withThreshold(settings.similarityThreshold()).withFusion(fusion), mapper);
    }

    @Bean
    KnowledgeReembedder knowledgeReembedder(KnowledgeSources sources, Embedder embedder) {
        return new KnowledgeReembedder(sources, embedder);
    }

    @Bean
    public SafeFetcher safeFetcher(HubProperties hub) {
        HubProperties.Ingest ingest = hub.ingest();
        if (ingest.allowPrivateNetworks()) {
            log.warn("hub.ingest.allow-private-networks=true: URL ingestion and crawls may reach private and loopback "
                    + "addresses of this network");
        }
        return new SafeFetcher(new FetchPolicy(ingest.allowPrivateNetworks(), ingest.connectTimeout(),
                ingest.requestTimeout(), ingest.maxPageSize().toBytes(), 5, ingest.perHostInterval(),
                FetchPolicy.DEFAULT_USER_AGENT));
    }

    @Bean
    public Crawler crawler(SafeFetcher fetcher) {
        HtmlExtractor html = new HtmlExtractor();
        PageText mainText = (page, url) -> html.mainText(page, url).sections().stream()
                .map(Section::text).collect(Collectors.joining(" ")).replaceAll("\\s+", " ").strip();
        return new Crawler(fetcher, mainText);
    }

    @Bean
    DocumentExtractor documentExtractor() {
        return new DocumentExtractor(ExtractionLimits.defaults());
    }

    @Bean
    Chunker chunker(HubProperties hub) {
        return new Chunker(new ChunkerOptions(hub.ingest().chunkSize(), hub.ingest().chunkOverlap()));
    }

    /**
     * Multipart limits of the servlet layer, a little above the upload limit so that the upload
     * processor answers a slightly larger file with its own 413; far larger bodies without a
     * Content-Length are cut off here (413 too). Files above 1 MiB are buffered on disk while parsed.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(HubProperties hub) {
        long max = hub.ingest().maxUploadSize().toBytes();
        return new MultipartConfigElement("", max + 1024 * 1024, max + 2 * 1024 * 1024, 1024 * 1024);
    }

    /**
     * Loads the local model in the background once the hub is up, so the first question does not wait for it; only on
     * an instance whose roles embed (answers with knowledge, ingestion, the API's search): not on an ingress or jobs one.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUpLocalModel(ApplicationReadyEvent event) {
        HubProperties hub = event.getApplicationContext().getBean(HubProperties.class);
        boolean embeds = hub.runs(HubProperties.Role.CONVERSATION) || hub.runs(HubProperties.Role.KNOWLEDGE)
                || hub.runs(HubProperties.Role.API);
        Embedder embedder = event.getApplicationContext().getBean(Embedder.class);
        if (embeds && embedder instanceof LocalMiniLmEmbedder local) {
            Thread warmUp = new Thread(() -> {
                try {
                    local.warmUp();
                } catch (RuntimeException e) {
                    log.warn("The local embedding model could not be loaded: {}", e.getMessage());
                }
            }, "embedding-model-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }
}
