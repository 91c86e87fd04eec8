package processors.knowledge;

import hub.knowledge.fetch.FetchedPage;
import hub.knowledge.fetch.SafeFetcher;
import hub.knowledge.fetch.UrlNormalizer;
import hub.knowledge.ingest.IngestionJob;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Fetches a URL source through the {@link SafeFetcher}: http(s) only, public addresses only unless
 * configured otherwise (checked again at every redirect), timeouts, a size limit and one request per
 * second per host. Failures are {@code FetchException}s whose message names the host and the reason.
 */
@Component
public record FetchPage(SafeFetcher fetcher) implements Processor {

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        FetchedPage page = fetcher.fetch(UrlNormalizer.parse(job.url()), SafeFetcher.ANY_CONTENT);
        job.fetched(page);
    }
}
