package hub.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import hub.TestProperties;
import org.junit.jupiter.api.Test;

/** S2.2 with the rules: model name first, then hub.llm.default-provider; no key → offline. */
class ProviderSelectorTest {

    private static ProviderSelector selector(Map<String, String> settings) {
        return new ProviderSelector(TestProperties.hub(settings).llm());
    }

    private final ProviderSelector bothKeys = selector(Map.of(
            "hub.llm.openai.api-key", "sk", "hub.llm.gemini.api-key", "gm", "hub.llm.default-provider", "gemini"));

    @Test
    void modelNameChoosesTheProvider() {
        assertThat(bothKeys.select("gemini-3-flash-preview")).isEqualTo(Provider.GEMINI);
        assertThat(bothKeys.select("models/Gemini-2.5-Pro")).isEqualTo(Provider.GEMINI);
        assertThat(bothKeys.select("gpt-4o-mini")).isEqualTo(Provider.OPENAI);
        assertThat(bothKeys.select("GPT-4o")).isEqualTo(Provider.OPENAI);
        assertThat(bothKeys.select("o3-mini")).isEqualTo(Provider.OPENAI);
        assertThat(bothKeys.select("o1")).isEqualTo(Provider.OPENAI);
        assertThat(bothKeys.select("o4-mini")).isEqualTo(Provider.OPENAI);
        assertThat(bothKeys.select("ft:gpt-4o:acme")).isEqualTo(Provider.OPENAI);
    }

    @Test
    void otherModelsGoToTheDefaultProvider() {
        assertThat(bothKeys.select("llama3")).isEqualTo(Provider.GEMINI);
        assertThat(bothKeys.select(null)).isEqualTo(Provider.GEMINI);
        assertThat(selector(Map.of("hub.llm.openai.api-key", "sk", "hub.llm.default-provider", "openai"))
                .select("llama3")).isEqualTo(Provider.OPENAI);
        assertThat(selector(Map.of("hub.llm.openai.api-key", "sk")).select("llama3")).isEqualTo(Provider.OFFLINE);
    }

    @Test
    void aProviderWithoutKeyIsOffline() {
        ProviderSelector openAiOnly = selector(Map.of("hub.llm.openai.api-key", "sk"));
        assertThat(openAiOnly.select("gemini-3-flash-preview")).isEqualTo(Provider.OFFLINE);
        assertThat(openAiOnly.select("gpt-4o-mini")).isEqualTo(Provider.OPENAI);
        assertThat(selector(Map.of("hub.llm.openai.api-key", " ")).select("gpt-4o")).isEqualTo(Provider.OFFLINE);
        assertThat(selector(Map.of()).select("gpt-4o")).isEqualTo(Provider.OFFLINE);
    }
}
