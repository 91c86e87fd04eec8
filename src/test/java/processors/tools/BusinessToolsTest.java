package processors.tools;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import hub.config.HubProperties;
import org.junit.jupiter.api.Test;

/** The business tools' rules without Camel: pricing formula and texts (seed MCP-P2..P4), contact info, facts. */
class BusinessToolsTest {

    private final HubProperties hub = TestProperties.applicationYaml();
    private final CalculatePricing pricing = new CalculatePricing(hub, new ObjectMapper());

    @Test
    void theFormulaGivesTheSeedsTotals() {
        assertThat(total(3000, "basic")).isEqualTo("$899.00 MXN/mes");
        assertThat(total(1001, "basic")).isEqualTo("$299.30 MXN/mes");
        assertThat(total(7777, "professional")).isEqualTo("$1,354.40 MXN/mes");
        assertThat(total(25000, "enterprise")).isEqualTo("$2,749.00 MXN/mes");
        assertThat(total(-5, "basic")).isEqualTo("$299.00 MXN/mes");
    }

    @Test
    void theAnswerIsWrittenTheEsMxWay() {
        Map<String, Object> result = pricing.calculate(Map.of("message_volume", 3000));
        assertThat(result).containsEntry("plan", "Básico").containsEntry("precio_base", "$299.00 MXN/mes")
                .containsEntry("mensajes_incluidos", "1,000").containsEntry("mensajes_solicitados", "3,000")
                .containsEntry("mensajes_extra", "2,000").containsEntry("costo_extra", "$600.00 MXN")
                .containsEntry("detalles", "Incluye 1,000 mensajes. 2,000 mensajes adicionales a $0.3 MXN cada uno.");
        assertThat(pricing.calculate(Map.of("message_volume", 500, "tier", "professional")))
                .containsEntry("detalles", "Incluye hasta 5,000 mensajes por mes.");
        assertThat(CalculatePricing.number(new java.math.BigDecimal("1500.5"))).isEqualTo("1,500.5");
    }

    @Test
    void badArgumentsAreToolErrors() {
        assertThat(pricing.calculate(Map.of("message_volume", 0))).containsEntry("error", "message_volume es requerido y debe ser un número");
        assertThat(pricing.calculate(Map.of("message_volume", "3000"))).containsKey("error");
        assertThat(pricing.calculate(Map.of("message_volume", 10, "tier", "Basic")))
                .containsEntry("error", "Plan no válido. Opciones: basic, professional, enterprise");
    }

    @Test
    void contactInfoIsFormattedForSlackAndForAnEmail() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("first_name", "Ana");
        info.put("phoneNumber", "+52 55 1234 5678");
        info.put("empty", "");
        assertThat(ContactOwner.formatContactInfo(info, "*")).isEqualTo("*First Name:* Ana\n*Phone Number:* +52 55 1234 5678");
        assertThat(ContactOwner.formatContactInfo(info, "")).as("in an e-mail").isEqualTo("First Name: Ana\nPhone Number: +52 55 1234 5678");
        assertThat(ContactOwner.formatContactInfo("llamar a las 5", "*")).isEqualTo("llamar a las 5");
        assertThat(ContactOwner.formatContactInfo(Map.of(), "*")).isEqualTo("No contact details provided");
    }

    @Test
    void factsAreNamedInSnakeCaseAndBounded() {
        assertThat(RememberCustomerInfo.facts(Map.of("key", "Company Name", "value", " Acme "))).containsExactlyEntriesOf(
                Map.of("company_name", "Acme"));
        assertThat(RememberCustomerInfo.facts(Map.of("email", "ana@example.com"))).containsEntry("email", "ana@example.com");
        assertThat(RememberCustomerInfo.facts(Map.of("key", "city", "value", "x".repeat(900))).get("city").toString()).hasSize(500);
        assertThat(CaptureLead.normalized("+52 (55) 1234-5678")).isEqualTo("525512345678");
        assertThat(CaptureLead.normalized("CO.1047385771169864")).as("a business-scoped user id stays as it came")
                .isEqualTo("CO.1047385771169864");
    }

    private String total(int volume, String tier) {
        return (String) pricing.calculate(Map.of("message_volume", volume, "tier", tier)).get("costo_total");
    }
}
