package hub.conversation;

import java.util.Locale;
import java.util.Map;

import hub.config.HubProperties;
import org.springframework.stereotype.Component;

/**
 * Estimated cost of an answer: tokens / 1000 × the price of the most specific (longest) model key
 * of the provider's table contained in the model name; the provider's "default" key, then the global
 * fallback, when none matches. Prices live in configuration (hub.pricing).
 */
@Component
public class CostCalculator {

    private final HubProperties.Pricing pricing;

    public CostCalculator(HubProperties hub) {
        this.pricing = hub.pricing();
    }

    public double cost(String provider, String model, long tokens) {
        return tokens / 1000.0 * pricePerThousand(provider, model);
    }

    public double pricePerThousand(String provider, String model) {
        Map<String, Map<String, Double>> table = pricing.perThousandTokens() == null ? Map.of() : pricing.perThousandTokens();
        Map<String, Double> prices = table.getOrDefault(provider == null ? "" : provider.toLowerCase(Locale.ROOT), Map.of());
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        String best = null;
        for (String key : prices.keySet()) {
            if (!key.equals("default") && name.contains(key.toLowerCase(Locale.ROOT)) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        if (best != null) {
            return prices.get(best);
        }
        return prices.getOrDefault("default", pricing.fallback());
    }
}
