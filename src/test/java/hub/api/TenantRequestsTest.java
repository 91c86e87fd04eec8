package hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import hub.api.contact.UpdateContactRequest;
import hub.api.organization.CreateOrganizationRequest;
import hub.api.organization.UpdateOrganizationRequest;
import hub.web.ApiError;
import hub.web.RequestBodies;
import jakarta.validation.Validation;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The contact and organisation request bodies: what is refused, and how left out differs from null. */
class TenantRequestsTest {

    private final RequestBodies bodies = new RequestBodies(new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()), Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void aContactPatchTellsLeftOutFromNull() {
        UpdateContactRequest patch = bodies.read(body("{\"tags\": null, \"variables\": {\"city\": null, \"plan\": \"gold\"}}"),
                UpdateContactRequest.class);
        assertThat(patch.tags()).as("sent as null").isEqualTo(Optional.empty());
        assertThat(patch.name()).as("left out").isNull();
        assertThat(patch.variables().orElseThrow()).containsEntry("city", null).containsEntry("plan", "gold");
    }

    @Test
    void contactFieldsAreChecked() {
        assertThat(refusal("{\"tags\": [" + "\"t\",".repeat(50) + "\"t\"]}", UpdateContactRequest.class).getMessage())
                .contains("invalid_field", "tags", "at most 50");
        assertThat(refusal("{\"tags\": [\"" + "x".repeat(65) + "\"]}", UpdateContactRequest.class).getMessage())
                .contains("invalid_field", "tags[0]");
        assertThat(refusal("{\"tags\": \"vip\"}", UpdateContactRequest.class).getMessage()).contains("invalid_field", "tags");
        assertThat(refusal("{\"conversation_mode\": \"robot\"}", UpdateContactRequest.class).getMessage())
                .contains("invalid_field", "conversation_mode", "auto or manual");
        assertThat(refusal("{\"name\": \"\"}", UpdateContactRequest.class).getMessage()).contains("invalid_field", "name");
        assertThat(refusal("{\"phone_number\": \"1\"}", UpdateContactRequest.class).getMessage()).contains("unknown_field");
    }

    @Test
    void organisationQuotasAreWholeNumbersNotBelowZero() {
        assertThat(refusal("{\"name\": \"A\", \"token_limit_monthly\": -1}", CreateOrganizationRequest.class).getMessage())
                .contains("invalid_field", "token_limit_monthly");
        assertThat(refusal("{\"max_knowledge_pdfs\": -1}", UpdateOrganizationRequest.class).getMessage())
                .contains("invalid_field", "max_knowledge_pdfs");
        assertThat(refusal("{\"message_limit_monthly\": 1.5}", UpdateOrganizationRequest.class).getMessage())
                .contains("invalid_field", "message_limit_monthly");
        assertThat(refusal("{\"plan_tier\": \"platinum\"}", UpdateOrganizationRequest.class).getMessage())
                .contains("invalid_field", "plan_tier");
        assertThat(bodies.read(body("{\"is_active\": false}"), UpdateOrganizationRequest.class).isActive()).contains(false);
    }

    private ApiError refusal(String json, Class<?> type) {
        try {
            bodies.read(body(json), type);
        } catch (ApiError e) {
            return new ApiError(e.status(), e.code(), e.code() + ": " + e.getMessage());
        }
        throw new AssertionError("accepted " + json);
    }

    private static Exchange body(String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(json.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }
}
