package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.api.ChatbotsApi;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.knowledge.ScheduleSourceResync;
import processors.api.TenantScope;

/** The tenant's chatbots: create, update, deactivate (reads are in {@link TenantApiRoutes}). */
@Component
public class ChatbotApiRoutes extends RouteBuilder {

    private final TenantScope tenantScope;
    private final ChatbotsApi chatbots;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;
    private final ScheduleSourceResync resyncSchedule;

    public ChatbotApiRoutes(TenantScope tenantScope, ChatbotsApi chatbots, JsonResponse jsonResponse,
                            ErrorResponder errorResponder, ScheduleSourceResync resyncSchedule) {
        this.resyncSchedule = resyncSchedule;
        this.tenantScope = tenantScope;
        this.chatbots = chatbots;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/chatbots").description("The organisation's chatbots")
                .post().id("api-chatbot-create")
                    .description("Create a chatbot on a WhatsApp phone number id (409 when another chatbot uses it)")
                    .to("direct:chatbot-create")
                .patch("/{chatbotId}").id("api-chatbot-update")
                    .description("Change a chatbot: number, access token (write-only), model, prompt, persona, "
                            + "temperature, RAG, fallback texts, active").to("direct:chatbot-update")
                .delete("/{chatbotId}").id("api-chatbot-deactivate")
                    .description("Deactivate a chatbot: it stops answering, its data stays").to("direct:chatbot-deactivate")
                .put("/{chatbotId}/knowledge/sources/{sourceId}/schedule").id("api-knowledge-source-schedule")
                    .description("Re-sync a URL source every resync_interval_hours (null: never)")
                    .to("direct:knowledge-source-schedule")
                .get("/{chatbotId}/knowledge/sources/{sourceId}/schedule").id("api-knowledge-source-schedule-read")
                    .description("A URL source's re-sync schedule").to("direct:knowledge-source-schedule-read");

        from("direct:chatbot-create").routeId("chatbot-create")
                .process(tenantScope).process(chatbots::create).id("create-chatbot").process(jsonResponse);
        from("direct:chatbot-update").routeId("chatbot-update")
                .process(tenantScope).process(chatbots::update).id("update-chatbot").process(jsonResponse);
        from("direct:knowledge-source-schedule").routeId("knowledge-source-schedule")
                .process(tenantScope).process(resyncSchedule::schedule).id("schedule-resync").process(jsonResponse);
        from("direct:knowledge-source-schedule-read").routeId("knowledge-source-schedule-read")
                .process(tenantScope).process(resyncSchedule::read).id("read-resync-schedule").process(jsonResponse);
        from("direct:chatbot-deactivate").routeId("chatbot-deactivate")
                .process(tenantScope).process(chatbots::deactivate).id("deactivate-chatbot").process(jsonResponse);
    }
}
