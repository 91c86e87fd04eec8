package hub.llm;

import static hub.llm.LlmFixtures.budget;
import static hub.llm.LlmFixtures.chatbot;
import static hub.llm.LlmFixtures.passage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import hub.TestProperties;
import hub.conversation.HubTexts;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.llm.LlmFixtures.RecordingExecutor;
import org.junit.jupiter.api.Test;

/** No provider key configured: the answer comes from the knowledge passages, without any LLM call. */
class OfflineAnswerTest {

    private final LlmToolLoop loop = new LlmToolLoop(TestProperties.hub(Map.of()), LlmFixtures.JSON, LlmFixtures.metrics());

    @Test
    void bestPassageIsQuotedAsAnExcerpt() {
        LlmRequest request = new LlmRequest(chatbot("gpt-4o-mini"), LlmFixtures.customer(), List.of(), "¿Horario?",
                List.of(passage("Abrimos de 9 a 14.", "FAQ", null, 0.74),
                        passage("  Abrimos de lunes a viernes de 9 a 18 h.  ", "Horarios.pdf", 2, 0.91),
                        passage("Envíos en 48 h.", "FAQ", null, 0.71)),
                List.of(LlmFixtures.pricingTool()));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request, executor, budget());

        assertThat(result.reply()).isEqualTo(
                "Esto es lo que encontré en nuestra documentación:\n\nAbrimos de lunes a viernes de 9 a 18 h.");
        assertThat(result.provider()).isEqualTo("offline");
        assertThat(result.model()).isEqualTo("offline");
        assertThat(result.tokensInput()).isZero();
        assertThat(result.tokensOutput()).isZero();
        assertThat(result.llmCalls()).isZero();
        assertThat(result.failed()).isFalse();
        assertThat(result.toolExecutions()).isEmpty();
        assertThat(executor.arguments).isEmpty();
    }

    @Test
    void withoutPassagesTheNoAnswerTextIsSent() {
        LlmRequest request = new LlmRequest(chatbot("gemini-3-flash-preview"), LlmFixtures.customer(), List.of(),
                "¿Horario?", List.of(), List.of());

        LlmResult result = loop.answer(request, new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo(HubTexts.SPANISH.offlineNoAnswer());
        assertThat(result.provider()).isEqualTo("offline");
    }

    @Test
    void longPassagesAreCutAtAWord() {
        String excerpt = OfflineAnswer.excerpt("palabra ".repeat(300).strip());

        assertThat(excerpt).hasSizeLessThanOrEqualTo(OfflineAnswer.MAX_EXCERPT + 1).endsWith("palabra…");
    }
}
