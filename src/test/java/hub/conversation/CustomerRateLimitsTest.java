package hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import hub.TestProperties;
import org.junit.jupiter.api.Test;

/** The per-customer bucket: messages per window per sender and chatbot, one report per flood. */
class CustomerRateLimitsTest {

    private final UUID chatbot = UUID.randomUUID();

    @Test
    void tenMessagesAWindowAreAllowedPerSenderAndChatbotTheRestRefused() {
        CustomerRateLimits limits = new CustomerRateLimits(TestProperties.hub(Map.of()));

        assertThat(IntStream.range(0, 30).filter(i -> limits.tryConsume(chatbot, "34600111222")).count()).isEqualTo(10);
        assertThat(limits.tryConsume(chatbot, "34600333444")).as("another sender").isTrue();
        assertThat(limits.tryConsume(UUID.randomUUID(), "34600111222")).as("the same sender on another chatbot").isTrue();
    }

    @Test
    void aFloodIsReportedOncePerWindowAndTheWindowGivesAllItsMessagesBack() throws Exception {
        CustomerRateLimits limits = new CustomerRateLimits(TestProperties.hub(Map.of(
                "hub.conversation.customer-rate-limit.messages", "3", "hub.conversation.customer-rate-limit.per", "1s")));
        String sender = "34600111222";
        IntStream.range(0, 3).forEach(i -> assertThat(limits.tryConsume(chatbot, sender)).isTrue());

        assertThat(limits.tryConsume(chatbot, sender)).isFalse();
        assertThat(limits.reportDue(chatbot, sender)).isTrue();
        assertThat(limits.tryConsume(chatbot, sender)).isFalse();
        assertThat(limits.reportDue(chatbot, sender)).isFalse();

        Thread.sleep(1100);
        assertThat(IntStream.range(0, 5).filter(i -> limits.tryConsume(chatbot, sender)).count()).isEqualTo(3);
        assertThat(limits.reportDue(chatbot, sender)).as("a new window's flood is reported again").isTrue();
    }

    @Test
    void zeroMessagesTurnsTheLimitOff() {
        CustomerRateLimits limits = new CustomerRateLimits(TestProperties.hub(Map.of(
                "hub.conversation.customer-rate-limit.messages", "0")));

        assertThat(IntStream.range(0, 100).allMatch(i -> limits.tryConsume(chatbot, "34600111222"))).isTrue();
    }
}
