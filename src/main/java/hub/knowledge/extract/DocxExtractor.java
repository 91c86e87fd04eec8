package hub.knowledge.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import hub.knowledge.extract.ExtractionException.Reason;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;

/**
 * Word documents: paragraphs and tables in body order, heading styles (Title, Heading 1..9, also
 * localised or derived ones) starting sections. Headers, footers and comments are left out.
 */
final class DocxExtractor {

    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)(heading\\s*[1-9]|title)");
    private static final String UNREADABLE = "The file is not a readable DOCX document";

    private final ZipBombGuard guard;

    static {
        ExtractionLimits defaults = ExtractionLimits.defaults();
        ZipSecureFile.setMinInflateRatio(defaults.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(defaults.maxZipEntryBytes());
    }

    DocxExtractor(ExtractionLimits limits) {
        this.guard = new ZipBombGuard(limits);
        allowInPoi(limits);
    }

    /**
     * POI's own zip-bomb check is JVM-wide and only backs up the guard, which applies each instance's
     * limits exactly; it is widened when an instance allows more, so POI never refuses what the guard let in.
     */
    private static synchronized void allowInPoi(ExtractionLimits limits) {
        if (limits.minInflateRatio() < ZipSecureFile.getMinInflateRatio()) {
            ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        }
        if (limits.maxZipEntryBytes() > ZipSecureFile.getMaxEntrySize()) {
            ZipSecureFile.setMaxEntrySize(limits.maxZipEntryBytes());
        }
    }

    ExtractedDocument extract(byte[] bytes, ExtractionBudget budget) {
        try {
            guard.check(bytes, budget);
            try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
                String title = document.getProperties().getCoreProperties().getTitle();
                SectionBuilder sections = new SectionBuilder(null, budget);
                HeadingStyles headings = new HeadingStyles(document.getStyles());
                for (IBodyElement element : document.getBodyElements()) {
                    budget.checkTime();
                    if (element instanceof XWPFParagraph paragraph) {
                        if (headings.isHeading(paragraph)) {
                            sections.heading(paragraph.getText());
                        } else {
                            sections.paragraph(paragraph.getText());
                        }
                    } else if (element instanceof XWPFTable table) {
                        sections.paragraph(tableText(table, budget));
                    } else if (element instanceof XWPFSDT control) {
                        sections.paragraph(control.getContent().getText());
                    }
                }
                return new ExtractedDocument(DocumentType.DOCX, title, sections.build());
            }
        } catch (ExtractionException e) {
            throw e;
        } catch (NotOfficeXmlFileException e) {
            throw new ExtractionException(Reason.UNREADABLE, UNREADABLE + ".", e);
        } catch (IOException | RuntimeException e) {
            if (isPoiZipBombReport(e)) {
                throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE, ZipBombGuard.BOMB, e);
            }
            throw new ExtractionException(Reason.UNREADABLE, UNREADABLE + " (" + Messages.reason(e) + ").", e);
        } catch (OutOfMemoryError e) {
            throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                    "The document is too large to read; split it into smaller files.");
        } catch (StackOverflowError e) {
            throw new ExtractionException(Reason.UNREADABLE, UNREADABLE + " (its structure is nested too deeply).");
        }
    }

    private static boolean isPoiZipBombReport(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("ZipSecureFile"))) {
                return true;
            }
        }
        return false;
    }

    /** One line per row, cells separated by " | "; rows without any text are left out. */
    private static String tableText(XWPFTable table, ExtractionBudget budget) {
        StringBuilder text = new StringBuilder();
        for (XWPFTableRow row : table.getRows()) {
            budget.checkTime();
            List<String> cells = new ArrayList<>();
            boolean any = false;
            for (XWPFTableCell cell : row.getTableCells()) {
                String cellText = Whitespace.collapse(cell.getTextRecursively());
                any |= !cellText.isEmpty();
                cells.add(cellText);
            }
            if (any) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(String.join(" | ", cells));
            }
        }
        return text.toString();
    }

    /** Word's built-in heading styles, recognised by id, by name or through the style they are based on. */
    private static final class HeadingStyles {

        private final XWPFStyles styles;

        HeadingStyles(XWPFStyles styles) {
            this.styles = styles;
        }

        boolean isHeading(XWPFParagraph paragraph) {
            CTPPr properties = paragraph.getCTP().getPPr();
            if (properties != null && properties.getOutlineLvl() != null
                    && properties.getOutlineLvl().getVal() != null
                    && properties.getOutlineLvl().getVal().intValue() < 9) {
                return true;
            }
            String styleId = paragraph.getStyleID();
            for (int depth = 0; styleId != null && depth < 5; depth++) {
                if (isHeadingName(styleId)) {
                    return true;
                }
                XWPFStyle style = styles == null ? null : styles.getStyle(styleId);
                if (style == null) {
                    return false;
                }
                if (isHeadingName(style.getName())) {
                    return true;
                }
                styleId = style.getBasisStyleID();
            }
            return false;
        }

        private static boolean isHeadingName(String name) {
            return name != null && HEADING_STYLE.matcher(name.replace(" ", "").toLowerCase(Locale.ROOT)).matches();
        }
    }
}
