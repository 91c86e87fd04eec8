package hub.knowledge.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import hub.knowledge.extract.ExtractionException.Reason;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * PDFBox decodes a stream (page content, form, font) fully into memory before reading it, whatever
 * stream cache it was given. This decodes each such stream once into a counter first and refuses the
 * document when one expands beyond the limit, so a decompression bomb costs at most the limit.
 */
final class PdfStreamGuard {

    /** Image data is never decoded to extract text. */
    private static final Set<COSName> IMAGE_FILTERS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION, COSName.JBIG2_DECODE);

    private final long maxDecodedBytes;

    PdfStreamGuard(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    void check(PDDocument document, ExtractionBudget budget) {
        COSDocument cos = document.getDocument();
        for (COSObjectKey key : new ArrayList<>(cos.getXrefTable().keySet())) {
            budget.checkTime();
            COSBase object = cos.getObjectFromPool(key).getObject();
            if (object instanceof COSStream stream) {
                List<COSName> filters = filters(stream);
                if (!filters.isEmpty() && isReadForText(stream, filters)) {
                    checkDecodedSize(stream, filters);
                }
            }
        }
    }

    private static boolean isReadForText(COSStream stream, List<COSName> filters) {
        return !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                && !COSName.OBJ_STM.equals(stream.getCOSName(COSName.TYPE))
                && !COSName.XREF.equals(stream.getCOSName(COSName.TYPE))
                && filters.stream().noneMatch(IMAGE_FILTERS::contains);
    }

    private void checkDecodedSize(COSStream stream, List<COSName> filters) {
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream input = raw;
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
                boolean last = i == filters.size() - 1;
                CappedOutput output = new CappedOutput(maxDecodedBytes, !last);
                filter.decode(input, output, stream, i);
                input = last ? null : new ByteArrayInputStream(output.bytes());
            }
        } catch (IOException e) {
            // a damaged stream is PDFBox's to skip or report while reading the text
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase filters = stream.getFilters();
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Counts what a filter writes and keeps it only when a further filter needs it; stops at the limit. */
    private static final class CappedOutput extends OutputStream {

        private final long max;
        private final java.io.ByteArrayOutputStream kept;
        private long count;

        CappedOutput(long max, boolean keep) {
            this.max = max;
            this.kept = keep ? new java.io.ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            count(1);
            if (kept != null) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count(length);
            if (kept != null) {
                kept.write(bytes, offset, length);
            }
        }

        private void count(long added) {
            count += added;
            if (count > max) {
                throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                        "The PDF holds a stream that expands to more than "
                        + (max / (1024 * 1024)) + " MB (a decompression bomb?); it was not read.");
            }
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
