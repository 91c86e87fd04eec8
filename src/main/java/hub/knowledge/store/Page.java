package hub.knowledge.store;

import java.util.List;

/** One page of a listing: page numbers start at 1. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public long totalPages() {
        return size == 0 ? 0 : (total + size - 1) / size;
    }
}
