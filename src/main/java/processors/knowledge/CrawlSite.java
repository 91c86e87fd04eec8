package processors.knowledge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.api.KnowledgeRequests;
import hub.knowledge.api.KnowledgeViews;
import hub.knowledge.fetch.CrawlRequest;
import hub.knowledge.fetch.Crawler;
import hub.knowledge.fetch.DiscoveredPage;
import hub.knowledge.fetch.UrlNormalizer;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code POST /crawl} {@code {"baseUrl", "maxDepth"?, "maxPages"?, "filterKeywords"?}}: discovers the
 * site's pages worth ingesting (same site, robots.txt obeyed, sitemap used), most relevant first. It
 * ingests nothing. Runs while the request waits, within {@code hub.ingest.crawl-timeout} (then 504)
 * and at most {@code hub.ingest.max-concurrent-crawls} at once (then 429).
 */
@Component
public class CrawlSite implements Processor, DisposableBean {

    private final Crawler crawler;
    private final KnowledgeIntake intake;
    private final ObjectMapper mapper;
    private final HubProperties.Ingest settings;
    private final ThreadPoolExecutor crawls;

    public CrawlSite(Crawler crawler, KnowledgeIntake intake, ObjectMapper mapper, HubProperties hub) {
        this.crawler = crawler;
        this.intake = intake;
        this.mapper = mapper;
        this.settings = hub.ingest();
        AtomicInteger threads = new AtomicInteger();
        this.crawls = new ThreadPoolExecutor(0, Math.max(1, settings.maxConcurrentCrawls()), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "knowledge-crawl-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode body = KnowledgeRequests.jsonObject(exchange, mapper);
        String baseUrl = KnowledgeRequests.requiredText(body, "baseUrl");
        Integer maxDepth = KnowledgeRequests.optionalInt(body, "maxDepth", 0, 1000);
        Integer maxPages = KnowledgeRequests.optionalInt(body, "maxPages", 1, 100_000);
        List<String> keywords = KnowledgeRequests.optionalStrings(body, "filterKeywords");
        intake.requireChatbot(KnowledgeRequests.organization(exchange), KnowledgeRequests.chatbot(exchange));
        intake.checkedUrl(baseUrl);

        CrawlRequest request = CrawlRequest.of(baseUrl,
                maxDepth == null ? null : Math.min(maxDepth, settings.crawlMaxDepth()),
                Math.min(maxPages == null ? CrawlRequest.DEFAULT_MAX_PAGES : maxPages, settings.crawlMaxPages()),
                keywords.isEmpty() ? null : keywords);
        long started = System.nanoTime();
        List<DiscoveredPage> pages = crawl(request, settings.crawlTimeout());
        double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("baseUrl", UrlNormalizer.normalize(baseUrl).toString());
        answer.put("maxDepth", request.maxDepth());
        answer.put("maxPages", request.maxPages());
        answer.put("totalDiscovered", pages.size());
        answer.put("crawlTimeSeconds", seconds);
        answer.put("pages", pages.stream().map(KnowledgeViews::page).toList());
        exchange.getMessage().setBody(answer);
    }

    private List<DiscoveredPage> crawl(CrawlRequest request, Duration deadline) throws Exception {
        Future<List<DiscoveredPage>> crawl;
        try {
            crawl = crawls.submit(() -> crawler.crawl(request));
        } catch (RejectedExecutionException e) {
            throw new ApiError(429, "too_many_crawls", "Too many crawls are running; retry in a minute");
        }
        try {
            return crawl.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            crawl.cancel(true);
            throw new ApiError(504, "crawl_timeout", "The crawl took longer than " + deadline.toSeconds()
                    + " s; ask for fewer pages (maxPages) or less depth (maxDepth)");
        } catch (InterruptedException e) {
            crawl.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void destroy() {
        crawls.shutdownNow();
    }
}
