package processors.conversation;

import processors.tools.SearchKnowledgeBaseTool;

import java.util.ArrayList;
import java.util.List;

import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.ConversationRepository;
import hub.conversation.KnowledgePassage;
import hub.conversation.ToolSpec;
import hub.conversation.Turn;
import hub.knowledge.store.KnowledgeSearch;
import hub.tools.AgentTools;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * What the agent needs besides the message: the chatbot's enabled tools (integration config merged with
 * the chatbot's override, expanded by {@link AgentTools}), the last messages of the conversation in order, and — when the chatbot has
 * RAG on — the best passages of its knowledge base for the message (the hybrid {@link KnowledgeSearch},
 * the same one as {@code POST /search} and the {@code search_knowledge_base} tool).
 */
@Component
public record PrepareAgentInputs(ConversationRepository conversations, AgentTools agentTools, KnowledgeSearch knowledgeSearch,
                                 HubProperties hub) implements Processor {

    private static final int KNOWLEDGE_PASSAGES = 5;

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        var bot = turn.chatbot();
        String text = turn.textToAnswer();
        var inputs = turn.conversation() != null ? turn.conversation()
                : conversations.agentInputs(bot.id(), turn.customer().contactId(), turn.inboundMessageIds(), hub.conversation().historySize());
        turn.agentInputs(offered(bot, inputs.tools()), inputs.history(),
                text == null || text.isBlank() ? List.of() : knowledge(bot, text));
    }

    /** The tools the chatbot's agent is offered (with {@code search_knowledge_base} when RAG is on). */
    public List<ToolSpec> tools(Chatbot bot) {
        return offered(bot, conversations.tools(bot.id()));
    }

    private List<ToolSpec> offered(Chatbot bot, List<ToolSpec> enabled) {
        List<ToolSpec> tools = new ArrayList<>(agentTools.offered(enabled));
        if (bot.ragEnabled() && tools.stream().noneMatch(t -> AgentTools.SEARCH_KNOWLEDGE_BASE.equals(t.name()))) {
            tools.add(AgentTools.SEARCH_KNOWLEDGE_BASE_TOOL);
        }
        return tools;
    }

    /** The passages the agent is given for the text: the best of the chatbot's knowledge when RAG is on, else none. */
    public List<KnowledgePassage> knowledge(Chatbot bot, String text) {
        return bot.ragEnabled()
                ? SearchKnowledgeBaseTool.passages(knowledgeSearch.search(bot.id(), text, KNOWLEDGE_PASSAGES), knowledgeSearch.options())
                : List.of();
    }
}
