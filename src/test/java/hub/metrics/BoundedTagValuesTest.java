package hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    BoundedTagValuesTest() {
        registry.config().meterFilter(new BoundedTagValues(2));
    }

    @Test
    void organisationsBeyondTheLimitAreCountedTogetherAsOther() {
        for (String organization : new String[] {"a", "b", "c", "d", "a", "c"}) {
            count("hub.messages.received", "organization", organization);
        }

        assertThat(registry.get("hub.messages.received").tag("organization", "a").counter().count()).isEqualTo(2);
        assertThat(registry.get("hub.messages.received").tag("organization", "b").counter().count()).isEqualTo(1);
        assertThat(registry.get("hub.messages.received").tag("organization", "other").counter().count()).isEqualTo(3);
        assertThat(registry.find("hub.messages.received").tag("organization", "c").counter()).isNull();
        assertThat(registry.get("hub.messages.received").counters()).hasSize(3);
    }

    @Test
    void aValueKeptOnceIsKeptInEveryMetricAndOtherLabelsAreLeftAlone() {
        count("hub.usage.tokens", "model", "gpt-4o-mini");
        count("hub.usage.tokens", "model", "gpt-4o");
        count("hub.llm.calls", "model", "gemini-3-flash-preview");
        count("hub.llm.calls", "model", "gpt-4o");
        count("hub.tool.calls", "status", "s1");
        count("hub.tool.calls", "status", "s2");
        count("hub.tool.calls", "status", "s3");
        count("camel.exchanges", "organization", "x");
        count("camel.exchanges", "organization", "y");
        count("camel.exchanges", "organization", "z");

        assertThat(registry.get("hub.llm.calls").tag("model", "gpt-4o").counter().count()).isEqualTo(1);
        assertThat(registry.get("hub.llm.calls").tag("model", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("hub.tool.calls").counters()).hasSize(3);
        assertThat(registry.get("camel.exchanges").counters()).hasSize(3);
    }

    private void count(String name, String key, String value) {
        Counter.builder(name).tag(key, value).register(registry).increment();
    }
}
