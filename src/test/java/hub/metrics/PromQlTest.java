package hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames(List.of(
                "histogram_quantile(0.95, sum by (le, provider) (rate(hub_llm_calls_seconds_bucket{outcome!=\"x\"}[$__rate_interval])))",
                "sum(rate(a_total{reason=\"delivery_failed\"}[15m])) / sum(rate(b_total[15m])) > 0.05 and on (x) c > bool 1",
                "max by (name) (hub_graph_api_circuitbreaker_state{state=~\"open|forced_open\"}) == 1",
                "label_values(hub_messages_received_total, organization)",
                "topk(10, sum without (instance) (d)) * 60")))
                .containsExactly("a_total", "b_total", "c", "d", "hub_graph_api_circuitbreaker_state", "hub_llm_calls_seconds_bucket",
                        "hub_messages_received_total");
    }
}
