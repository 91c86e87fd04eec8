package processors.knowledge;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * platform-http copies every file of a multipart request into the servlet container's temporary
 * directory (as Camel attachments) and never deletes the copies. The upload reads the servlet part
 * itself, so these copies are deleted when the exchange completes, whatever its outcome.
 */
@Component
public class DiscardUploadCopies implements Processor {

    private static final Logger log = LoggerFactory.getLogger(DiscardUploadCopies.class);

    @Override
    public void process(Exchange exchange) {
        List<File> copies = new ArrayList<>();
        String single = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (single != null) {
            copies.add(new File(single));
        }
        AttachmentMessage attachments = exchange.getIn(AttachmentMessage.class);
        if (attachments != null && attachments.hasAttachments()) {
            for (DataHandler handler : attachments.getAttachments().values()) {
                if (handler.getDataSource() instanceof FileDataSource file) {
                    copies.add(file.getFile());
                }
            }
            attachments.clearAttachments();
        }
        if (copies.isEmpty()) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                for (File copy : copies) {
                    if (copy.exists() && !copy.delete()) {
                        log.warn("Could not delete the temporary upload copy {}", copy);
                    }
                }
            }
        });
    }
}
