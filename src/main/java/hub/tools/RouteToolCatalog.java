package hub.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The tools written as Camel routes ({@code src/main/resources/routes/*.yaml}): every route in group
 * {@value #GROUP} consuming {@code direct:tool-<name>} is the tool {@code <name>}; the route's
 * {@code description} is what the LLM reads, its {@code note} declares the JSON-schema
 * {@code parameters} (and optional {@code llm_instructions}) in YAML. Read from the Camel model when the
 * hub has started (and logged), so an operator adds a tool by adding a route, without Java.
 */
@Component
public class RouteToolCatalog {

    public static final String GROUP = "agent-tools";
    public static final String ENDPOINT_PREFIX = "direct:tool-";
    private static final Logger log = LoggerFactory.getLogger(RouteToolCatalog.class);

    /** A route tool: name, description for the LLM, JSON-schema parameters, optional usage hint. */
    public record RouteTool(String name, String description, JsonNode parameters, String llmInstructions,
                            String routeId) {
    }

    private final CamelContext camel;
    private final ObjectMapper mapper;
    private volatile Map<String, RouteTool> tools;

    public RouteToolCatalog(CamelContext camel, ObjectMapper mapper) {
        this.camel = camel;
        this.mapper = mapper;
    }

    /** Reads the route tools once the routes are loaded, so a broken declaration shows in the start-up log. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void readAtStartup() {
        tools = load();
        log.info("Route tools: {}", tools.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(tools.keySet())));
    }

    public Optional<RouteTool> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    public Map<String, RouteTool> all() {
        Map<String, RouteTool> known = tools;
        if (known == null || known.isEmpty()) {
            known = load();
            tools = known;
        }
        return known;
    }

    private Map<String, RouteTool> load() {
        Map<String, RouteTool> found = new LinkedHashMap<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return found;
        }
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String uri = route.getInput() == null ? null : route.getInput().getEndpointUri();
            if (!GROUP.equals(route.getGroup()) || uri == null || !uri.startsWith(ENDPOINT_PREFIX)) {
                continue;
            }
            String name = uri.substring(ENDPOINT_PREFIX.length());
            try {
                Map<String, Object> note = note(route.getNote());
                JsonNode parameters = mapper.valueToTree(note.getOrDefault("parameters",
                        Map.of("type", "object", "properties", Map.of())));
                Object instructions = note.get("llm_instructions");
                found.put(name, new RouteTool(name, route.getDescription() == null ? "" : route.getDescription().trim(),
                        parameters, instructions == null ? null : instructions.toString(), route.getRouteId()));
            } catch (RuntimeException e) {
                log.warn("Route tool {} (route {}) has an unreadable note and is not offered: {}", name,
                        route.getRouteId(), e.getMessage());
            }
        }
        return Map.copyOf(found);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> note(String note) {
        if (note == null || note.isBlank()) {
            return Map.of();
        }
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(note);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the note must be a YAML map with 'parameters'");
        }
        return (Map<String, Object>) map;
    }

    public List<RouteTool> list() {
        return List.copyOf(all().values());
    }
}
