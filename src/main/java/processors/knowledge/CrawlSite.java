package processors.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import hub.api.knowledge.CrawlResult;
import hub.api.knowledge.CrawlSiteRequest;
import hub.api.knowledge.CrawledPage;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.fetch.CrawlRequest;
import hub.knowledge.fetch.Crawler;
import hub.knowledge.fetch.DiscoveredPage;
import hub.knowledge.fetch.UrlNormalizer;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * {@code POST /crawl} {@code {"base_url", "max_depth"?, "max_pages"?, "filter_keywords"?}}: discovers the
 * site's pages worth ingesting (same site, robots.txt obeyed, sitemap used), most relevant first. It
 * ingests nothing. Runs while the request waits, within {@code hub.ingest.crawl-timeout} (then 504)
 * and at most {@code hub.ingest.max-concurrent-crawls} at once (then 429).
 */
@Component
public class CrawlSite implements Processor, DisposableBean {

    private final Crawler crawler;
    private final KnowledgeIntake intake;
    private final RequestBodies bodies;
    private final HubProperties.Ingest settings;
    private final ThreadPoolExecutor crawls;

    public CrawlSite(Crawler crawler, KnowledgeIntake intake, RequestBodies bodies, HubProperties hub) {
        this.crawler = crawler;
        this.intake = intake;
        this.bodies = bodies;
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
        CrawlSiteRequest body = bodies.read(exchange, CrawlSiteRequest.class);
        String baseUrl = body.baseUrl();
        intake.requireChatbot(ApiParams.organization(exchange), KnowledgeParams.chatbot(exchange));
        intake.checkedUrl(baseUrl);

        CrawlRequest request = CrawlRequest.of(baseUrl,
                body.maxDepth() == null ? null : Math.min(body.maxDepth(), settings.crawlMaxDepth()),
                Math.min(body.maxPages() == null ? CrawlRequest.DEFAULT_MAX_PAGES : body.maxPages(), settings.crawlMaxPages()),
                body.filterKeywords() == null || body.filterKeywords().isEmpty() ? null : body.filterKeywords());
        long started = System.nanoTime();
        List<DiscoveredPage> pages = crawl(request, settings.crawlTimeout());
        double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;

        exchange.getMessage().setBody(new CrawlResult(UrlNormalizer.normalize(baseUrl).toString(), request.maxDepth(),
                request.maxPages(), pages.size(), seconds, pages.stream().map(CrawledPage::of).toList()));
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
                    + " s; ask for fewer pages (max_pages) or less depth (max_depth)");
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
