package processors.api;

import hub.api.Rows;
import hub.api.sandbox.SandboxMessage;
import hub.api.sandbox.SandboxMessageList;
import hub.tenant.TenantRepository;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/sandbox/messages?limit=}: the replies the hub recorded instead of sending them
 * ({@code hub.whatsapp.graph-base-url=sandbox}), newest first, for the caller's organisation.
 */
@Component
public record SandboxMessagesApi(TenantRepository tenants) {

    public void list(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        exchange.getMessage().setBody(new SandboxMessageList(Rows.as(
                tenants.sandboxMessages(ApiParams.organization(exchange), limit), SandboxMessage.class)));
    }
}
