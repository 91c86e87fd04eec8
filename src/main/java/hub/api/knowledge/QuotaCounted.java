package hub.api.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;

/** The quota a new source counted against, before it: documents, urls, or storage_mb for types without a count. */
public record QuotaCounted(@Schema(allowableValues = {"documents", "urls", "storage_mb"}) String quota, long current, long max,
                           long remaining) {
}
