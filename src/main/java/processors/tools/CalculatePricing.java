package processors.tools;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code calculate_pricing} route tool (seed MCP-P2/P3): the monthly price of a plan for a message
 * volume. extra = max(0, volume − included); total = base + extra × price per extra message. Plans and
 * prices come from {@code hub.tools.plans}; numbers are written the es-MX way ("3,000", "$899.00 MXN/mes").
 */
@Component
public record CalculatePricing(HubProperties hub, ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(mapper.writeValueAsString(calculate(exchange.getIn().getBody(Map.class))));
    }

    Map<String, Object> calculate(Map<?, ?> arguments) {
        Object volumeArgument = arguments == null ? null : arguments.get("message_volume");
        if (!(volumeArgument instanceof Number number) || number.doubleValue() == 0) {
            return Map.of("error", "message_volume es requerido y debe ser un número");
        }
        Object tierArgument = arguments.get("tier");
        String tier = tierArgument == null ? "basic" : tierArgument.toString();
        HubProperties.PricePlan plan = hub.tools().plans().get(tier);
        if (plan == null) {
            return Map.of("error", "Plan no válido. Opciones: " + String.join(", ", hub.tools().plans().keySet()));
        }
        BigDecimal volume = new BigDecimal(number.toString());
        BigDecimal included = BigDecimal.valueOf(plan.includedMessages());
        BigDecimal extra = volume.subtract(included).max(BigDecimal.ZERO);
        BigDecimal extraCost = extra.multiply(plan.extraMessagePrice());
        BigDecimal total = plan.basePrice().add(extraCost);
        String currency = hub.tools().currency();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("plan", plan.name());
        result.put("precio_base", money(plan.basePrice()) + " " + currency + "/mes");
        result.put("mensajes_incluidos", number(included));
        result.put("mensajes_solicitados", number(volume));
        result.put("mensajes_extra", number(extra));
        result.put("costo_extra", money(extraCost) + " " + currency);
        result.put("costo_total", money(total) + " " + currency + "/mes");
        result.put("caracteristicas", plan.features());
        result.put("detalles", extra.signum() > 0
                ? "Incluye " + number(included) + " mensajes. " + number(extra) + " mensajes adicionales a $"
                        + plan.extraMessagePrice().stripTrailingZeros().toPlainString() + " " + currency + " cada uno."
                : "Incluye hasta " + number(included) + " mensajes por mes.");
        return result;
    }

    /** es-MX grouping, up to three decimals: 3000 → "3,000", 1500.5 → "1,500.5". */
    static String number(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** "$1,354.40". */
    static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return "$" + format.format(value);
    }

    /** "$299". */
    static String wholeMoney(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US));
        return "$" + format.format(value);
    }
}
