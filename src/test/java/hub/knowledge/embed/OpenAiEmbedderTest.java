package hub.knowledge.embed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI embeddings against a fake {@code POST /v1/embeddings} speaking the real wire format. */
class OpenAiEmbedderTest {

    private static final String PATH = "/v1/embeddings";

    private WireMockServer openAi;

    @BeforeEach
    void start() {
        openAi = new WireMockServer(options().dynamicPort());
        openAi.start();
    }

    @AfterEach
    void stop() {
        openAi.stop();
    }

    private OpenAiEmbedder embedder(Integer dims, int batchSize) {
        return new OpenAiEmbedder(OpenAiEmbedder.Options.withKey("sk-test")
                .baseUrl(openAi.baseUrl() + "/v1")
                .model("text-embedding-3-small", dims)
                .batching(batchSize)
                .timing(Duration.ofSeconds(5), 0));
    }

    /** The response OpenAI sends: one data item per input, in input order, with its index. */
    private static String response(int dims, float... firsts) {
        String data = IntStream.range(0, firsts.length).mapToObj(i -> {
            String vector = IntStream.range(0, dims).mapToObj(d -> d == 0 ? String.valueOf(firsts[i]) : "0.001")
                    .collect(Collectors.joining(","));
            return String.format(Locale.ROOT, "{\"object\":\"embedding\",\"index\":%d,\"embedding\":[%s]}", i, vector);
        }).collect(Collectors.joining(","));
        return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"text-embedding-3-small\","
               + "\"usage\":{\"prompt_tokens\":12,\"total_tokens\":12}}";
    }

    @Test
    void embedsInBatchesKeepingOrderWithTheRealWireFormat() {
        openAi.stubFor(post(PATH).withRequestBody(matchingJsonPath("$.input[0]", equalTo("refunds")))
                .willReturn(okJson(response(1536, 0.1f, 0.2f))));
        openAi.stubFor(post(PATH).withRequestBody(matchingJsonPath("$.input[0]", equalTo("shipping")))
                .willReturn(okJson(response(1536, 0.3f))));
        OpenAiEmbedder embedder = embedder(null, 2);

        List<float[]> vectors = embedder.embed(List.of("refunds", "opening hours", "shipping"));

        assertThat(embedder.model()).isEqualTo("text-embedding-3-small");
        assertThat(embedder.dimensions()).isEqualTo(1536);
        assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(1536));
        assertThat(vectors.stream().map(v -> v[0]).toList()).containsExactly(0.1f, 0.2f, 0.3f);
        openAi.verify(2, postRequestedFor(urlEqualTo(PATH)));
        openAi.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(equalToJson("{\"model\":\"text-embedding-3-small\",\"input\":[\"refunds\",\"opening hours\"]}",
                        true, true)));
        openAi.verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson("{\"model\":\"text-embedding-3-small\",\"input\":[\"shipping\"]}", true, true)));
    }

    @Test
    void configuredDimensionsAreRequestedAndChecked() {
        openAi.stubFor(post(PATH).willReturn(okJson(response(8, 0.5f))));

        float[] vector = embedder(8, 32).embed("hola");

        assertThat(vector).hasSize(8);
        openAi.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.dimensions", equalTo("8"))));

        // a server answering another size than configured is an error, not a silently wrong vector
        assertThatThrownBy(() -> embedder(16, 32).embed("hola"))
                .isInstanceOf(EmbeddingException.class).hasMessageContaining("8 dimensions, expected 16");
    }

    @Test
    void aRefusedKeyIsAnEmbeddingErrorWithTheProvidersMessage() {
        openAi.stubFor(post(PATH).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                          + "\"code\":\"invalid_api_key\"}}")));

        assertThatThrownBy(() -> embedder(null, 32).embed(List.of("a", "b")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("text-embedding-3-small")
                .hasMessageContaining("Incorrect API key provided");
        openAi.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aMissingKeyIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new OpenAiEmbedder(OpenAiEmbedder.Options.withKey(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API key");
    }

    @Test
    void emptyInputMakesNoRequest() {
        assertThat(embedder(null, 32).embed(List.of())).isEmpty();
        openAi.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }
}
