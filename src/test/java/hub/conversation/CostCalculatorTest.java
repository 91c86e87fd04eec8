package hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import hub.TestProperties;
import org.junit.jupiter.api.Test;

/** The prices of application.yaml: the most specific model of the provider, then the provider's default. */
class CostCalculatorTest {

    final CostCalculator costs = new CostCalculator(TestProperties.applicationYaml());

    @Test
    void currentModelsHaveTheirPriceAndUnknownOnesTheirProvidersDefault() {
        assertThat(costs.pricePerThousand("openai", "gpt-4o-mini")).isEqualTo(0.0002);
        assertThat(costs.pricePerThousand("openai", "gpt-4o")).isEqualTo(0.005);
        assertThat(costs.pricePerThousand("openai", "gpt-5-mini-2025-08-07")).isEqualTo(0.0007);
        assertThat(costs.pricePerThousand("openai", "gpt-4.1-nano")).isEqualTo(0.000175);
        assertThat(costs.pricePerThousand("gemini", "gemini-2.5-flash-lite")).isEqualTo(0.000175);
        assertThat(costs.pricePerThousand("gemini", "gemini-2.5-flash")).isEqualTo(0.00085);
        assertThat(costs.pricePerThousand("gemini", "gemini-3-flash-preview")).isEqualTo(0.00025);

        assertThat(costs.pricePerThousand("openai", "some-future-model")).isEqualTo(0.0035);
        assertThat(costs.pricePerThousand("gemini", "gemini-9-ultra")).isEqualTo(0.00085);
        assertThat(costs.pricePerThousand("offline", "offline")).isZero();
        assertThat(costs.pricePerThousand("acme", "acme-1")).isEqualTo(0.001);
        assertThat(costs.cost("openai", "gpt-4o-mini", 120)).isEqualTo(0.000024, org.assertj.core.data.Offset.offset(1e-12));
    }
}
