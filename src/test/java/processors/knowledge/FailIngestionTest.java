package processors.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import hub.api.knowledge.KnowledgeSource;
import hub.knowledge.embed.EmbeddingException;
import hub.knowledge.extract.ExtractionException;
import hub.knowledge.fetch.FetchException;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** A failed source's code: every one it can be given is documented for API clients, and no other. */
class FailIngestionTest {

    @Test
    void everyCodeAFailedSourceCanBeGivenIsTheOneTheApiDocumentLists() throws Exception {
        Set<String> written = new HashSet<>();
        Arrays.stream(ExtractionException.Reason.values())
                .forEach(reason -> written.add(FailIngestion.code(new ExtractionException(reason, "x"))));
        Arrays.stream(FetchException.Reason.values())
                .forEach(reason -> written.add(FailIngestion.code(new FetchException(reason, "x"))));
        Stream.of(new EmbeddingException("x"), new IllegalStateException("x"))
                .forEach(failure -> written.add(FailIngestion.code(failure)));

        Schema documented = KnowledgeSource.class.getDeclaredField("errorCode").getAnnotation(Schema.class);
        assertThat(documented.allowableValues()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(written).contains("unreadable", "http_error", "embedding_failed", "processing_failed");
    }
}
