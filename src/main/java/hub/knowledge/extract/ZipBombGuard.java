package hub.knowledge.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import hub.knowledge.extract.ExtractionException.Reason;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Inflates every entry of a ZIP once, into nothing, before POI gets it: POI keeps all entries of an
 * archive read from memory in memory, so the archive's expanded size must be known to be small first.
 * Reads the entries as POI will (local headers, in order), and stops at the first limit crossed, so a
 * bomb costs at most the limit in CPU and nothing in heap.
 */
final class ZipBombGuard {

    /** Small entries compress arbitrarily well (an empty XML part); judge the ratio only beyond this. */
    private static final long RATIO_GRACE_BYTES = 100 * 1024;
    static final String BOMB = "The file expands to far more data than a document holds (a zip bomb?);"
            + " it was not read.";

    private final ExtractionLimits limits;

    ZipBombGuard(ExtractionLimits limits) {
        this.limits = limits;
    }

    void check(byte[] zip, ExtractionBudget budget) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip), "UTF-8", true, true)) {
            ZipArchiveEntry entry;
            int entries = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > 10_000) {
                    throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                            "The file holds too many parts to be a document; it was not read.");
                }
                long entryStartCompressed = in.getCompressedCount();
                long entryBytes = 0;
                int read;
                while ((read = in.read(sink)) > 0) {
                    entryBytes += read;
                    total += read;
                    if (entryBytes > limits.maxZipEntryBytes() || total > limits.maxZipTotalBytes()) {
                        throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE, BOMB);
                    }
                    if (entryBytes > RATIO_GRACE_BYTES
                            && ratio(in.getCompressedCount() - entryStartCompressed, entryBytes) < limits.minInflateRatio()) {
                        throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE, BOMB);
                    }
                    budget.checkTime();
                }
            }
        }
    }

    private static double ratio(long compressed, long uncompressed) {
        return (double) compressed / uncompressed;
    }
}
