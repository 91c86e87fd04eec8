package processors.tools;


import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code list_plans} route tool (seed MCP-P4): every plan of {@code hub.tools.plans} with its price and
 * features, or only the one named by the optional {@code plan} argument (a declared parameter also keeps
 * Gemini, which refuses object schemas without properties, happy).
 */
@Component
public record ListPlans(HubProperties hub, ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        Object only = arguments == null ? null : arguments.get("plan");
        List<Map<String, Object>> plans = new ArrayList<>();
        hub.tools().plans().forEach((id, plan) -> {
            if (only != null && !only.toString().isBlank() && !id.equals(only.toString())) {
                return;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", id);
            item.put("nombre", plan.name());
            item.put("precio", CalculatePricing.wholeMoney(plan.basePrice()) + " " + hub.tools().currency() + "/mes");
            item.put("mensajes_incluidos", CalculatePricing.number(BigDecimal.valueOf(plan.includedMessages())));
            item.put("caracteristicas", plan.features());
            plans.add(item);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("planes_disponibles", plans);
        result.put("moneda", hub.tools().currency());
        result.put("nota", "Todos los precios en pesos mexicanos. Mensajes adicionales disponibles según plan.");
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }
}
