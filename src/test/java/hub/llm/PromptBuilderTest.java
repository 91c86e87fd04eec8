package hub.llm;

import static hub.llm.LlmFixtures.passage;
import static hub.llm.LlmFixtures.pricingTool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.conversation.Chatbot;
import hub.conversation.Customer;
import hub.conversation.LlmRequest;
import hub.conversation.ToolSpec;
import org.junit.jupiter.api.Test;

/** S2.4 prompt assembly, S2.6 knowledge context, S2.7 tool instructions. */
class PromptBuilderTest {

    @Test
    void fullPromptHasEveryPartInOrderInTheChatbotsLanguage() {
        LlmRequest request = new LlmRequest(LlmFixtures.chatbot("gpt-4o-mini", "en"), LlmFixtures.customer(), List.of(),
                "hola",
                List.of(passage("Plan básico: 10 €", "Precios.pdf", 5, 0.855),
                        passage("Horario 9-18", "FAQ", null, 0.705),
                        passage("Envíos gratis", "Web", 0, 0.7071)),
                List.of(pricingTool(), new ToolSpec("notify_owner", null, null, "http", UUID.randomUUID(),
                        Map.of("description", "Avisa al dueño"))));

        assertThat(PromptBuilder.systemPrompt(request)).isEqualTo("""
                You are the shop assistant.
                Friendly and brief.


                User Context:
                Name: Ana
                Phone: +34600111222
                Known Info: {"city": "M\\u00e1laga"}


                === KNOWLEDGE BASE CONTEXT ===
                Use the following information to answer the user's question. \
                Only use this information if it's relevant to the query.

                1. [Source: Precios.pdf, Page 5, Relevance: 86%]
                Plan básico: 10 €

                2. [Source: FAQ, Relevance: 70%]
                Horario 9-18

                3. [Source: Web, Relevance: 71%]
                Envíos gratis

                === END KNOWLEDGE BASE CONTEXT ===


                === AVAILABLE TOOLS ===
                You have access to the following tools. Use them when appropriate:

                • get_price: Returns the price of a plan
                  WHEN TO USE: when asked about prices

                • notify_owner: Avisa al dueño

                """);
    }

    @Test
    void aSpanishChatbotsScaffoldingIsSpanish() {
        LlmRequest request = new LlmRequest(LlmFixtures.chatbot("gpt-4o-mini", "es"), LlmFixtures.customer(), List.of(),
                "hola", List.of(passage("Plan básico: 10 €", "Precios.pdf", 5, 0.855)), List.of(pricingTool()));

        assertThat(PromptBuilder.systemPrompt(request)).contains("""
                === CONTEXTO DE LA BASE DE CONOCIMIENTO ===
                Usa la siguiente información para responder la pregunta del usuario. \
                Úsala solo si es relevante para la consulta.

                1. [Fuente: Precios.pdf, Página 5, Relevancia: 86%]
                Plan básico: 10 €

                === FIN DEL CONTEXTO DE LA BASE DE CONOCIMIENTO ===


                === HERRAMIENTAS DISPONIBLES ===
                Tienes acceso a las siguientes herramientas. Úsalas cuando sea apropiado:

                • get_price: Returns the price of a plan
                  CUÁNDO USAR: when asked about prices
                """);
    }

    @Test
    void nullsAreNeverPrintedAndEmptyPartsAreLeftOut() {
        Chatbot bot = new Chatbot(UUID.randomUUID(), UUID.randomUUID(), "Bot", "1", "t", "gpt-4o", null, null, 0.7,
                false, null, null, null, "free", null, null);
        Customer customer = new Customer(UUID.randomUUID(), "+1555", null, null, null);
        LlmRequest request = new LlmRequest(bot, customer, null, "hola", null, null);

        assertThat(PromptBuilder.systemPrompt(request)).isEqualTo("\n\n\n\nUser Context:\nName: \nPhone: +1555");
    }

    @Test
    void personaNullIsNotPrinted() {
        Chatbot bot = new Chatbot(UUID.randomUUID(), UUID.randomUUID(), "Bot", "1", "t", "gpt-4o",
                "You are helpful.", null, 0.7, false, null, null, null, "free", null, null);
        LlmRequest request = new LlmRequest(bot, LlmFixtures.customer(), List.of(), "hola", List.of(), List.of());

        String prompt = PromptBuilder.systemPrompt(request);

        assertThat(prompt).startsWith("You are helpful.\n\n\n\nUser Context:\nName: Ana\n");
        assertThat(prompt).doesNotContain("null").doesNotContain("None")
                .doesNotContain("CONOCIMIENTO").doesNotContain("HERRAMIENTAS");
    }

    @Test
    void relevanceIsPythonPercentWithHalfEvenRoundingOfTheBinaryValue() {
        assertThat(PromptBuilder.percent(0.705)).isEqualTo("70%");
        assertThat(PromptBuilder.percent(0.855)).isEqualTo("86%");
        assertThat(PromptBuilder.percent(0.7071)).isEqualTo("71%");
        assertThat(PromptBuilder.percent(0.9)).isEqualTo("90%");
        assertThat(PromptBuilder.percent(0.125)).isEqualTo("12%");
        assertThat(PromptBuilder.percent(1.0)).isEqualTo("100%");
    }

    @Test
    void knownInfoIsSerialisedLikePythonJsonDumps() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", "José \"Pepe\"");
        variables.put("orders", 3);
        variables.put("score", 4.5);
        variables.put("big", 1.0e16);
        variables.put("vip", true);
        variables.put("tags", List.of("a", "b"));
        variables.put("address", Map.of("zip", "29001"));
        variables.put("note", null);

        assertThat(PythonJson.dumps(variables)).isEqualTo(
                "{\"name\": \"Jos\\u00e9 \\\"Pepe\\\"\", \"orders\": 3, \"score\": 4.5, \"big\": 1e+16, "
                        + "\"vip\": true, \"tags\": [\"a\", \"b\"], \"address\": {\"zip\": \"29001\"}, \"note\": null}");
        assertThat(PythonJson.pythonFloat(2.0)).isEqualTo("2.0");
        assertThat(PythonJson.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJson.pythonFloat(0.00001)).isEqualTo("1e-05");
        assertThat(PythonJson.dumps("😀")).isEqualTo("\"\\ud83d\\ude00\"");
    }
}
