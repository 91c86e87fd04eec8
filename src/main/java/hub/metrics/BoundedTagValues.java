package hub.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the tenant labels of the hub's metrics bounded: each of {@code organization}, {@code chatbot} and {@code model}
 * keeps its first {@code max} distinct values and counts every later one as {@value #OTHER}. Prometheus stores every
 * label value as a series of its own, so a hub with thousands of tenants would otherwise grow its scrape and
 * Prometheus's memory without limit; sums over a label stay true, since nothing is dropped.
 */
public final class BoundedTagValues implements MeterFilter {

    static final String OTHER = "other";
    private static final Set<String> BOUNDED = Set.of(BusinessMetrics.ORGANIZATION, BusinessMetrics.CHATBOT, BusinessMetrics.MODEL);

    private final int max;
    private final Map<String, Set<String>> kept = new ConcurrentHashMap<>();

    public BoundedTagValues(int max) {
        this.max = Math.max(1, max);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("hub.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (BOUNDED.contains(tag.getKey()) && !keeps(tag.getKey(), tag.getValue())) {
                tags.add(Tag.of(tag.getKey(), OTHER));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }

    private boolean keeps(String key, String value) {
        Set<String> values = kept.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        if (values.contains(value)) {
            return true;
        }
        synchronized (values) {
            if (values.size() < max) {
                values.add(value);
                return true;
            }
            return values.contains(value);
        }
    }
}
