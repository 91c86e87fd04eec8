package processors.knowledge;

import java.io.IOException;
import java.io.InputStream;

import hub.api.knowledge.SourceAccepted;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import hub.web.ApiError;
import hub.web.RequestBodies;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import processors.api.ApiParams;

/**
 * {@code POST /upload}: a multipart part {@code file} (and an optional field {@code name}). Over the
 * size limit → 413; a type other than PDF, DOCX, HTML, Markdown or text (decided from the bytes) → 415;
 * otherwise the source is created with its bytes (quota checks first) and queued: 202 at once.
 */
@Component
public record AcceptKnowledgeUpload(KnowledgeIntake intake, HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        DataSize max = hub.ingest().maxUploadSize();
        Part part;
        try {
            part = request.getPart("file");
        } catch (IllegalStateException e) {
            throw ApiError.fileTooLarge(max);
        } catch (ServletException e) {
            throw ApiError.badRequest("invalid_body", "The multipart body could not be read");
        }
        if (part == null || part.getSubmittedFileName() == null && part.getSize() == 0) {
            throw ApiError.badRequest("missing_field", "'file' is required: send the file in a multipart part named 'file'");
        }
        long maxBytes = max.toBytes();
        if (part.getSize() > maxBytes) {
            throw ApiError.fileTooLarge(max);
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw ApiError.fileTooLarge(max);
        }
        String name = request.getParameter("name");
        RequestBodies.requireStorable("name", name);
        RequestBodies.requireStorable("file", part.getSubmittedFileName());
        KnowledgeIntake.Accepted accepted = intake.upload(ApiParams.organization(exchange),
                KnowledgeParams.chatbot(exchange), name, part.getSubmittedFileName(), part.getContentType(), bytes);
        exchange.getMessage().setBody(SourceAccepted.of(accepted));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }
}
