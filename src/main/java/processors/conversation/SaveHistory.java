package processors.conversation;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Json;
import hub.conversation.ConversationRepository;
import hub.conversation.KnowledgePassage;
import hub.conversation.ToolExecution;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The delivered reply's history: the tool calls that produced it and the knowledge passages the agent was given, stored
 * with the reply (one row per part, with its outbound wamid) by the statement that closes the turn ({@link CompleteTurn}).
 */
@Component
public record SaveHistory(ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        List<ToolExecution> executions = turn.llm() == null ? List.of() : turn.llm().toolExecutions();
        String calls = executions.isEmpty() ? null : json(executions.stream()
                .map(e -> java.util.Map.of("name", e.toolName(), "arguments", e.arguments())).toList());
        String results = executions.isEmpty() ? null : json(executions.stream()
                .map(e -> java.util.Map.of("name", e.toolName(), "status", e.status(),
                        "result", e.result() == null ? "" : e.result())).toList());
        turn.replyHistory(new ConversationRepository.ReplyHistory(calls, results,
                turn.knowledge().isEmpty() ? null : json(passages(turn.knowledge()))));
    }

    private String json(Object value) {
        return Json.write(mapper, value);
    }

    /** The passages as stored with a reply and shown in the conversation (without their text, which the source keeps). */
    public static List<java.util.Map<String, Object>> passages(List<KnowledgePassage> knowledge) {
        return knowledge.stream().map(p -> {
            java.util.Map<String, Object> passage = new java.util.LinkedHashMap<>();
            passage.put("chunk_id", p.chunkId());
            passage.put("source_id", p.sourceId());
            passage.put("source_name", p.sourceName());
            passage.put("page", p.page());
            passage.put("url", p.url());
            passage.put("score", p.similarity());
            return passage;
        }).toList();
    }
}
