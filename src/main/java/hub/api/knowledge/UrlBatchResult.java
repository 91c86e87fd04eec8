package hub.api.knowledge;

import java.util.List;

/** The answer of a batch: totals, and one result per URL in input order. */
public record UrlBatchResult(int total, int successful, int failed, List<UrlBatchItem> results) {
}
