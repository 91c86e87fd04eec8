package hub.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import hub.conversation.ToolSpec;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** From a chatbot's enabled integrations to the tools its LLM is offered, with a route tool read from Camel's model. */
class AgentToolsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void integrationsBecomeTheToolsTheLlmIsOffered() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tool-opening_hours").routeId("tool-opening_hours").group(RouteToolCatalog.GROUP)
                        .description("Tells the opening hours of a branch")
                        .note("llm_instructions: when asked when we open\nparameters:\n  type: object\n  properties:\n"
                                + "    branch: {type: string}\n  required: [branch]")
                        .setBody(constant("{}"));
                from("direct:tool-not_a_tool").routeId("not-a-tool").setBody(constant("{}"));
            }
        });
        camel.start();
        AgentTools tools = new AgentTools(new RouteToolCatalog(camel, mapper), mapper);
        UUID http = UUID.randomUUID();
        Map<String, Object> serverConfig = Map.of("server_url", "https://crm.example.com", "enabled_tools", List.of("lookup"),
                "tools", List.of(Map.of("name", "lookup", "description", "Finds a customer",
                                "parameters", Map.of("type", "object", "properties", Map.of("email", Map.of("type", "string")))),
                        Map.of("name", "delete_everything", "description", "Not for the agent")));

        List<ToolSpec> offered = tools.offered(List.of(
                integration("opening_hours", "route", Map.of()),
                integration("not_a_tool", "route", Map.of()),
                integration("remember_customer_info", "builtin", Map.of()),
                new ToolSpec("CRM", "", JsonNodeFactory.instance.objectNode(), "http", http, serverConfig),
                integration("check_stock", "http", Map.of("server_url", "https://stock.example.com"))));

        assertThat(offered).extracting(ToolSpec::name)
                .containsExactly("opening_hours", "remember_customer_info", "lookup", "check_stock");
        ToolSpec route = offered.get(0);
        assertThat(route.description()).isEqualTo("Tells the opening hours of a branch");
        assertThat(route.parameters().path("required").get(0).asText()).isEqualTo("branch");
        assertThat(route.config()).containsEntry("route", "opening_hours").containsEntry("llm_instructions", "when asked when we open");
        ToolSpec lookup = offered.get(2);
        assertThat(lookup.integrationId()).isEqualTo(http);
        assertThat(lookup.config()).containsEntry("tool", "lookup").containsEntry("server_url", "https://crm.example.com")
                .doesNotContainKeys("tools", "enabled_tools");
        assertThat(lookup.parameters().path("properties").has("email")).isTrue();
        assertThat(offered.get(1).parameters().path("required").toString()).isEqualTo("[\"key\",\"value\"]");
    }

    private static ToolSpec integration(String name, String type, Map<String, Object> config) {
        return new ToolSpec(name, null, JsonNodeFactory.instance.objectNode(), type, UUID.randomUUID(), config);
    }
}
