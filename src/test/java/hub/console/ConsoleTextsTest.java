package hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.alerts.Alert;
import org.junit.jupiter.api.Test;

/** Alerts worded for the owner's Slack as the console words them on the usage page. */
class ConsoleTextsTest {

    private final ConsoleTexts texts = new ConsoleTexts(new ObjectMapper());

    @Test
    void anAlertIsWordedInTheChatbotsLanguageWithItsFiguresAndTheProvidersWordsApart() {
        Alert quota = alert(Alert.Reason.QUOTA_WARNING, Map.of("messages_used", 812, "message_limit", 1000,
                "tokens_used", 40_210, "token_limit", 2_000_000));
        assertThat(texts.word(quota, "es").title()).isEqualTo("Cuota casi agotada");
        assertThat(texts.word(quota, "es").text()).as("numbers as the console's browser writes them in Spanish").isEqualTo(
                "Tu organización ha usado la mayor parte de su cuota mensual: 812 de 1000 mensajes, 40.210 de 2.000.000 tokens.");
        assertThat(texts.word(quota, "en").text()).contains("812 of 1,000 messages, 40,210 of 2,000,000 tokens");

        Alert failed = alert(Alert.Reason.LLM_FAILED, Map.of("provider", "openai", "model", "gpt-4o-mini", "detail", "HTTP 401"));
        ConsoleTexts.Worded spanish = texts.word(failed, "es");
        assertThat(spanish.text()).isEqualTo("La llamada al modelo de IA falló (openai, gpt-4o-mini). El cliente recibió el mensaje de error.");
        assertThat(spanish.detail()).isEqualTo("HTTP 401");
    }

    @Test
    void withoutItsFiguresOrInAnotherLanguageTheHubsOwnTextIsUsed() {
        Alert withoutName = alert(Alert.Reason.HOURLY_LIMIT, Map.of("phone_number_id", "1"));
        assertThat(texts.word(withoutName, "es").text()).isEqualTo("the hub's text");
        assertThat(texts.word(withoutName, "es").detail()).isNull();

        Alert paused = alert(Alert.Reason.TOOL_PAUSED, Map.of("tool", "get_weather"));
        assertThat(texts.word(paused, "pt").title()).as("a language the console does not speak: English").isEqualTo("A tool failed");
        assertThat(texts.word(paused, null).text()).startsWith("The tool get_weather failed repeatedly.");
    }

    private static Alert alert(Alert.Reason reason, Map<String, Object> metadata) {
        return new Alert(UUID.randomUUID(), UUID.randomUUID(), reason, Alert.Severity.WARNING, "the hub's text", metadata, null);
    }
}
