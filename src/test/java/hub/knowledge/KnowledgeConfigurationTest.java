package hub.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import hub.TestProperties;
import hub.knowledge.embed.Embedder;
import hub.knowledge.embed.LocalMiniLmEmbedder;
import hub.knowledge.embed.OpenAiEmbedder;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;

/** The knowledge beans as hub.embeddings.* and hub.ingest.* configure them. */
class KnowledgeConfigurationTest {

    final KnowledgeConfiguration configuration = new KnowledgeConfiguration();

    @Test
    void theLocalModelByDefault() {
        Embedder embedder = configuration.embedder(TestProperties.hub(Map.of()));
        assertThat(embedder).isInstanceOf(LocalMiniLmEmbedder.class);
        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(embedder.dimensions()).isEqualTo(384);
    }

    @Test
    void openAiWithItsOwnKeyOrTheLlmKeyAndAConfiguredModel() {
        Embedder own = configuration.embedder(TestProperties.hub(Map.of("hub.embeddings.provider", "openai",
                "hub.embeddings.openai.api-key", "sk-embed", "hub.embeddings.openai.model", "text-embedding-3-large",
                "hub.embeddings.openai.base-url", "http://127.0.0.1:9/v1")));
        assertThat(own).isInstanceOf(OpenAiEmbedder.class);
        assertThat(own.model()).isEqualTo("text-embedding-3-large");
        assertThat(own.dimensions()).isEqualTo(3072);

        Embedder shared = configuration.embedder(TestProperties.hub(Map.of("hub.embeddings.provider", "OpenAI",
                "hub.llm.openai.api-key", "sk-llm", "hub.embeddings.openai.dimensions", "256")));
        assertThat(shared.model()).isEqualTo("text-embedding-3-small");
        assertThat(shared.dimensions()).isEqualTo(256);
    }

    @Test
    void openAiWithoutAnyKeyOrAnUnknownProviderStopsTheStart() {
        assertThatThrownBy(() -> configuration.embedder(TestProperties.hub(Map.of("hub.embeddings.provider", "openai"))))
                .hasMessageContaining("hub.embeddings.openai.api-key");
        assertThatThrownBy(() -> configuration.embedder(TestProperties.hub(Map.of("hub.embeddings.provider", "cohere"))))
                .hasMessageContaining("unknown embedding provider");
    }

    @Test
    void ingestDefaultsAndTheMultipartLimitsFollowTheUploadLimit() {
        var ingest = TestProperties.hub(Map.of()).ingest();
        assertThat(ingest.maxUploadSize().toBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(ingest.chunkSize()).isEqualTo(1000);
        assertThat(ingest.chunkOverlap()).isEqualTo(200);
        assertThat(ingest.allowPrivateNetworks()).isFalse();
        MultipartConfigElement multipart = configuration.multipartConfigElement(
                TestProperties.hub(Map.of("hub.ingest.max-upload-size", "2MB")));
        assertThat(multipart.getMaxFileSize()).isEqualTo(3L * 1024 * 1024);
        assertThat(multipart.getMaxRequestSize()).isEqualTo(4L * 1024 * 1024);
    }
}
