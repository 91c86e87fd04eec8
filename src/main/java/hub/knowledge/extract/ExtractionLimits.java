package hub.knowledge.extract;

import java.time.Duration;

/**
 * Bounds on the work one document may cause, so that a hostile or absurd file fails with a message
 * instead of exhausting the heap or the CPU.
 *
 * @param maxPdfPages           PDFs with more pages are refused before any text is read
 * @param maxCharacters         extracted text beyond this fails the document (any type)
 * @param pdfMemoryBytes        main memory PDFBox may use for its stream cache
 * @param pdfScratchFileBytes   temporary-file space PDFBox may use beyond that
 * @param maxDecodedStreamBytes one decompressed PDF stream (page content, font, form) may not exceed this
 * @param maxZipEntryBytes      one uncompressed DOCX part may not exceed this
 * @param maxZipTotalBytes      all uncompressed DOCX parts together may not exceed this
 * @param minInflateRatio       a DOCX part compressed better than this (compressed / uncompressed) is a zip bomb
 * @param maxDuration           reading one document may not take longer
 */
public record ExtractionLimits(
        int maxPdfPages,
        long maxCharacters,
        long pdfMemoryBytes,
        long pdfScratchFileBytes,
        long maxDecodedStreamBytes,
        long maxZipEntryBytes,
        long maxZipTotalBytes,
        double minInflateRatio,
        Duration maxDuration) {

    private static final long MIB = 1024L * 1024L;

    public ExtractionLimits {
        positive(maxPdfPages, "maxPdfPages");
        positive(maxCharacters, "maxCharacters");
        positive(pdfMemoryBytes, "pdfMemoryBytes");
        positive(pdfScratchFileBytes, "pdfScratchFileBytes");
        positive(maxDecodedStreamBytes, "maxDecodedStreamBytes");
        positive(maxZipEntryBytes, "maxZipEntryBytes");
        if (maxZipTotalBytes < maxZipEntryBytes) {
            throw new IllegalArgumentException("maxZipTotalBytes must be at least maxZipEntryBytes");
        }
        if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("minInflateRatio must be in [0, 1)");
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }

    public static ExtractionLimits defaults() {
        // a DOCX part of 32 MiB of XML already costs POI about 300 MB of heap while it is read
        return new ExtractionLimits(2000, 5_000_000, 32 * MIB, 256 * MIB, 64 * MIB, 32 * MIB, 64 * MIB, 0.01,
                Duration.ofSeconds(60));
    }

    public ExtractionLimits withMaxPdfPages(int pages) {
        return new ExtractionLimits(pages, maxCharacters, pdfMemoryBytes, pdfScratchFileBytes, maxDecodedStreamBytes,
                maxZipEntryBytes, maxZipTotalBytes, minInflateRatio, maxDuration);
    }

    public ExtractionLimits withMaxCharacters(long characters) {
        return new ExtractionLimits(maxPdfPages, characters, pdfMemoryBytes, pdfScratchFileBytes, maxDecodedStreamBytes,
                maxZipEntryBytes, maxZipTotalBytes, minInflateRatio, maxDuration);
    }

    public ExtractionLimits withMaxDecodedStreamBytes(long bytes) {
        return new ExtractionLimits(maxPdfPages, maxCharacters, pdfMemoryBytes, pdfScratchFileBytes, bytes,
                maxZipEntryBytes, maxZipTotalBytes, minInflateRatio, maxDuration);
    }

    public ExtractionLimits withMaxZipEntryBytes(long entryBytes, long totalBytes) {
        return new ExtractionLimits(maxPdfPages, maxCharacters, pdfMemoryBytes, pdfScratchFileBytes,
                maxDecodedStreamBytes, entryBytes, totalBytes, minInflateRatio, maxDuration);
    }

    public ExtractionLimits withMaxDuration(Duration duration) {
        return new ExtractionLimits(maxPdfPages, maxCharacters, pdfMemoryBytes, pdfScratchFileBytes,
                maxDecodedStreamBytes, maxZipEntryBytes, maxZipTotalBytes, minInflateRatio, duration);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
