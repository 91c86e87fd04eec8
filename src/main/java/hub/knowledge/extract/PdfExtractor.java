package hub.knowledge.extract;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import hub.knowledge.extract.ExtractionException.Reason;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDFs, page by page: one section per page that has text, with its 1-based page number. */
final class PdfExtractor {

    private final ExtractionLimits limits;
    private final PdfStreamGuard streamGuard;

    PdfExtractor(ExtractionLimits limits) {
        this.limits = limits;
        this.streamGuard = new PdfStreamGuard(limits.maxDecodedStreamBytes());
    }

    ExtractedDocument extract(byte[] bytes, ExtractionBudget budget) {
        MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(limits.pdfMemoryBytes(),
                limits.pdfMemoryBytes() + limits.pdfScratchFileBytes());
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(bytes), "", null, null,
                memory.streamCache)) {
            int pages = document.getNumberOfPages();
            if (pages > limits.maxPdfPages()) {
                throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                        "The PDF has " + pages + " pages; at most " + limits.maxPdfPages()
                        + " can be read. Split it into smaller files.");
            }
            streamGuard.check(document, budget);
            List<Section> sections = new PageTextStripper(budget).read(document);
            if (sections.isEmpty()) {
                throw new ExtractionException(Reason.NO_TEXT,
                        "The PDF contains no extractable text (a scanned document?)");
            }
            return new ExtractedDocument(DocumentType.PDF, document.getDocumentInformation().getTitle(), sections);
        } catch (InvalidPasswordException e) {
            throw new ExtractionException(Reason.PASSWORD_PROTECTED,
                    "The PDF is password-protected; upload an unprotected copy.", e);
        } catch (ExtractionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException(Reason.UNREADABLE,
                    "The file is not a readable PDF (" + Messages.reason(e) + ").", e);
        } catch (OutOfMemoryError e) {
            throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                    "The PDF is too large or too complex to read; split it into smaller files.");
        } catch (StackOverflowError e) {
            throw new ExtractionException(Reason.UNREADABLE,
                    "The file is not a readable PDF (its structure is nested too deeply).");
        }
    }

    /** Collects each page's text separately instead of one string for the whole document. */
    private static final class PageTextStripper extends PDFTextStripper {

        private final ExtractionBudget budget;
        private final StringWriter pageText = new StringWriter();
        private final List<Section> sections = new ArrayList<>();
        private long operators;

        PageTextStripper(ExtractionBudget budget) {
            this.budget = budget;
            setLineSeparator("\n");
            // a blank line between the paragraphs PDFBox detects lets the chunker cut there
            setParagraphEnd("\n");
        }

        List<Section> read(PDDocument document) throws IOException {
            writeText(document, pageText);
            return sections;
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            pageText.getBuffer().setLength(0);
            super.startPage(page);
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            super.endPage(page);
            String text = pageText.toString().strip();
            budget.addText(text.length());
            if (!text.isEmpty()) {
                sections.add(new Section(text, getCurrentPageNo(), null));
            }
            budget.checkTime();
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if ((++operators & 0x3FF) == 0) {
                budget.checkTime();
            }
            super.processOperator(operator, operands);
        }
    }
}
