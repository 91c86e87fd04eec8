package hub.knowledge.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Decides what a file is from its bytes (magic numbers), never from the content type a client claims.
 * The file name only chooses between plain text and Markdown (and lets an HTML fragment saved as .html
 * be read as HTML).
 */
public final class DocumentTypeSniffer {

    static final String SUPPORTED = "upload PDF, DOCX, HTML, Markdown or plain text.";
    private static final int HTML_PREFIX_BYTES = 64 * 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** Magic numbers of common files we do not read, with the words that tell the user what we saw. */
    private static final Object[][] KNOWN_BINARIES = {
            {bytes(0x89, 'P', 'N', 'G'), "a PNG image"},
            {bytes(0xFF, 0xD8, 0xFF), "a JPEG image"},
            {"GIF8".getBytes(StandardCharsets.US_ASCII), "a GIF image"},
            {bytes('I', 'I', 0x2A, 0x00), "a TIFF image"},
            {bytes('M', 'M', 0x00, 0x2A), "a TIFF image"},
            {bytes(0x00, 0x00, 0x01, 0x00), "an icon image"},
            {bytes('M', 'Z'), "a Windows program"},
            {bytes(0x7F, 'E', 'L', 'F'), "a program (ELF executable)"},
            {bytes(0xCA, 0xFE, 0xBA, 0xBE), "a Java class or macOS program"},
            {bytes(0x1F, 0x8B), "a gzip archive"},
            {"Rar!".getBytes(StandardCharsets.US_ASCII), "a RAR archive"},
            {bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C), "a 7-Zip archive"},
            {bytes('B', 'Z', 'h'), "a bzip2 archive"},
            {bytes(0xFD, '7', 'z', 'X', 'Z'), "an xz archive"},
            {"OggS".getBytes(StandardCharsets.US_ASCII), "an audio or video file (Ogg)"},
            {"ID3".getBytes(StandardCharsets.US_ASCII), "an MP3 audio file"},
            {"fLaC".getBytes(StandardCharsets.US_ASCII), "a FLAC audio file"},
            {bytes(0x1A, 0x45, 0xDF, 0xA3), "a video file (Matroska/WebM)"},
            {"SQLite format 3".getBytes(StandardCharsets.US_ASCII), "an SQLite database"},
            {bytes(0xFE, 0xFF), "a UTF-16 text file (save it as UTF-8)"},
            {bytes(0xFF, 0xFE), "a UTF-16 text file (save it as UTF-8)"},
    };

    /**
     * The type of the document in {@code bytes}.
     *
     * @param fileName the name the user gave the file, may be null; only a hint (text vs Markdown)
     * @throws UnsupportedDocumentException with a message for the user when the bytes are not a readable document
     */
    public DocumentType sniff(byte[] bytes, String fileName) {
        if (bytes == null || bytes.length == 0) {
            throw new UnsupportedDocumentException("The file is empty.");
        }
        if (startsWith(bytes, skipBomAndWhitespace(bytes), PDF_HEADER)) {
            return DocumentType.PDF;
        }
        if (startsWith(bytes, 0, bytes('P', 'K', 3, 4)) || startsWith(bytes, 0, bytes('P', 'K', 5, 6))) {
            return sniffZip(bytes);
        }
        if (startsWith(bytes, 0, bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1))) {
            throw unsupportedOle2(bytes);
        }
        if (startsWith(bytes, 0, "{\\rtf".getBytes(StandardCharsets.US_ASCII))) {
            throw unsupported("an RTF document (save it as DOCX or PDF)");
        }
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        if (looksLikeHtml(bytes, name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml"))) {
            return DocumentType.HTML;
        }
        String text = decodeUtf8(bytes);
        if (text == null || hasBinaryControls(text)) {
            if (indexOf(bytes, PDF_HEADER, 1024) >= 0) {
                // readers accept a PDF with up to 1 KB of junk before its header
                return DocumentType.PDF;
            }
            throw notText(bytes, text != null);
        }
        return name.endsWith(".md") || name.endsWith(".markdown") ? DocumentType.MARKDOWN : DocumentType.TEXT;
    }

    private static DocumentType sniffZip(byte[] bytes) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                names.add(entry.getName());
            }
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedDocumentException(
                    "The file looks like a ZIP archive or DOCX but is damaged or incomplete; " + SUPPORTED);
        }
        if (names.contains("[Content_Types].xml") && names.contains("word/document.xml")) {
            return DocumentType.DOCX;
        }
        if (names.contains("xl/workbook.xml")) {
            throw unsupported("an Excel workbook (XLSX)");
        }
        if (names.contains("ppt/presentation.xml")) {
            throw unsupported("a PowerPoint presentation (PPTX)");
        }
        if (names.contains("mimetype") && names.contains("content.xml")) {
            throw unsupported("an OpenDocument file (save it as DOCX or PDF)");
        }
        if (names.contains("META-INF/container.xml")) {
            throw unsupported("an EPUB e-book");
        }
        throw unsupported("a ZIP archive");
    }

    private static UnsupportedDocumentException unsupportedOle2(byte[] bytes) {
        // a password-protected DOCX is an OLE2 container holding an "EncryptedPackage" stream
        if (indexOf(bytes, "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE), bytes.length) >= 0) {
            return new UnsupportedDocumentException(
                    "The document is password-protected; upload an unprotected copy.");
        }
        return unsupported("a legacy Microsoft Office file (.doc, .xls or .ppt; save it as DOCX or PDF)");
    }

    private static String sniffMedia(byte[] bytes) {
        if (startsWith(bytes, 0, "RIFF".getBytes(StandardCharsets.US_ASCII)) && bytes.length >= 12) {
            String kind = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
            return switch (kind) {
                case "WEBP" -> "a WebP image";
                case "WAVE" -> "a WAV audio file";
                case "AVI " -> "an AVI video";
                default -> "a media file (RIFF)";
            };
        }
        if (bytes.length >= 12 && startsWith(bytes, 4, "ftyp".getBytes(StandardCharsets.US_ASCII))) {
            String brand = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
            return brand.startsWith("hei") || brand.startsWith("avif") || brand.startsWith("mif1")
                    ? "an image (HEIC/AVIF)" : "an audio or video file (MP4)";
        }
        return null;
    }

    private static UnsupportedDocumentException unsupported(String what) {
        return new UnsupportedDocumentException("Unsupported file type: looks like " + what + "; " + SUPPORTED);
    }

    /**
     * HTML when, after a BOM, whitespace, an XML declaration and comments, the text opens an html, head
     * or body element or an HTML doctype. With an .html name any opening tag will do (a saved fragment).
     */
    static boolean looksLikeHtml(byte[] bytes, boolean htmlName) {
        int length = Math.min(bytes.length, HTML_PREFIX_BYTES);
        // the markup we look for is ASCII whatever the page's charset, so Latin-1 maps bytes to chars 1:1
        String head = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int i = head.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
        while (true) {
            while (i < head.length() && Whitespace.isSpace(head.charAt(i))) {
                i++;
            }
            if (head.startsWith("<!--", i)) {
                int end = head.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (head.startsWith("<?xml", i)) {
                int end = head.indexOf("?>", i);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        String rest = head.substring(i, Math.min(head.length(), i + 32)).toLowerCase(Locale.ROOT);
        for (String opening : new String[] {"<!doctype html", "<html", "<head", "<body"}) {
            if (rest.startsWith(opening)
                    && (rest.length() == opening.length() || isTagEnd(rest.charAt(opening.length())))) {
                return true;
            }
        }
        return htmlName && rest.length() > 1 && rest.charAt(0) == '<'
                && (Character.isLetter(rest.charAt(1)) || rest.charAt(1) == '!');
    }

    private static boolean isTagEnd(char c) {
        return c == '>' || c == '/' || Whitespace.isSpace(c);
    }

    private static int skipBomAndWhitespace(byte[] bytes) {
        int i = startsWith(bytes, 0, bytes(0xEF, 0xBB, 0xBF)) ? 3 : 0;
        while (i < bytes.length && i < 1024 && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r'
                || bytes[i] == '\n' || bytes[i] == '\f')) {
            i++;
        }
        return i;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Names what the bytes seem to be, for a file that is neither a known document nor UTF-8 text. */
    private static UnsupportedDocumentException notText(byte[] bytes, boolean validUtf8) {
        String known = knownBinary(bytes);
        if (known != null) {
            return unsupported(known);
        }
        if (!validUtf8 && looksLikeLegacyText(bytes)) {
            return new UnsupportedDocumentException(
                    "The text file is not UTF-8 encoded; save it as UTF-8 and upload it again.");
        }
        return unsupported("binary data");
    }

    private static String knownBinary(byte[] bytes) {
        for (Object[] known : KNOWN_BINARIES) {
            if (startsWith(bytes, 0, (byte[]) known[0])) {
                return (String) known[1];
            }
        }
        return sniffMedia(bytes);
    }

    /** Any NUL, or more than 1% of control characters that text files do not hold. */
    private static boolean hasBinaryControls(String text) {
        long count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B)
                    || (c >= 0x7F && c <= 0x9F)) {
                count++;
            }
        }
        return count * 100L > text.length();
    }

    private static boolean looksLikeLegacyText(byte[] bytes) {
        long controls = 0;
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                controls++;
            }
        }
        return controls * 100L <= bytes.length;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int within) {
        int last = Math.min(bytes.length - needle.length, within - 1);
        for (int i = 0; i <= last; i++) {
            if (startsWith(bytes, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
