package processors.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Json;
import hub.api.Rows;
import hub.api.chatbot.TokenCounts;
import hub.api.chatbot.TryAgentAnswer;
import hub.api.chatbot.TryAgentRequest;
import hub.api.chatbot.TryToolCall;
import hub.api.conversation.Passage;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.ConversationRepository;
import hub.conversation.Customer;
import hub.conversation.HistoryEntry;
import hub.conversation.InteractiveReply;
import hub.conversation.KnowledgePassage;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.TurnBudget;
import hub.llm.LlmToolLoop;
import hub.tools.AgentTools;
import hub.tools.ToolDispatcher;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * {@code POST /api/chatbots/{id}/try}: the chatbot's real agent — the same prompt, knowledge ({@link PrepareAgentInputs}),
 * tools and provider ({@link LlmToolLoop}) as a customer message gets — answers a message typed in the console.
 * Nothing goes to WhatsApp, nothing is stored, no usage is recorded and no quota is used. Tools that would change
 * customers' data or notify someone ({@link AgentTools#actsOnCustomers}) are not run: the agent is told so.
 */
@Component
public record TryAgent(ConversationRepository conversations, PrepareAgentInputs inputs, LlmToolLoop llm, ToolDispatcher tools,
                       RequestBodies bodies, ObjectMapper mapper, HubProperties hub) implements Processor {

    static final String NOT_EXECUTED = "not_executed";
    private static final Customer TRIAL_CUSTOMER = new Customer(null, null, "Console trial", Map.of(), List.of());

    @Override
    public void process(Exchange exchange) {
        UUID chatbotId = ApiParams.id(exchange, "chatbotId", "Chatbot");
        TryAgentRequest body = bodies.read(exchange, TryAgentRequest.class);
        Chatbot bot = conversations.chatbot(ApiParams.organization(exchange), chatbotId)
                .orElseThrow(() -> ApiError.notFound("Chatbot not found"));
        List<KnowledgePassage> knowledge = inputs.knowledge(bot, body.message());
        List<HistoryEntry> history = body.history().stream().map(t -> new HistoryEntry(t.role(), t.text())).toList();
        long started = System.nanoTime();
        LlmResult result = llm.answer(new LlmRequest(bot, TRIAL_CUSTOMER, history, body.message(), knowledge, inputs.tools(bot)),
                trial(tools.forConversation(bot, TRIAL_CUSTOMER)), TurnBudget.from(started, hub));
        exchange.getMessage().setBody(new TryAgentAnswer(InteractiveReply.lastSent(result.toolExecutions())
                .map(InteractiveReply::asText).orElse(result.reply()),
                result.toolExecutions().stream().map(e -> new TryToolCall(e.toolName(), e.arguments(), e.result(), e.status())).toList(),
                Rows.as(SaveHistory.passages(knowledge), Passage.class), result.provider(), result.model(),
                new TokenCounts(result.tokensInput(), result.tokensOutput(), result.tokensInput() + result.tokensOutput()),
                result.error()));
    }

    /** Runs the tools as in a conversation, except those acting on customers, which answer that they did not run. */
    private ToolExecutor trial(ToolExecutor real) {
        return (tool, arguments, iteration) -> {
            if (!AgentTools.actsOnCustomers(tool)) {
                return real.execute(tool, arguments, iteration);
            }
            String result = Json.write(mapper, Map.of("success", false, "not_executed", true, "message", "Not executed: this is a "
                    + "trial of the agent in the console, with no real customer. In a conversation, " + tool.name() + " would run here."));
            return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), arguments == null ? Map.of() : arguments,
                    result, NOT_EXECUTED, null, 0, iteration);
        };
    }
}
