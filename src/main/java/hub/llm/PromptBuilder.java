package hub.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import hub.conversation.Chatbot;
import hub.conversation.Customer;
import hub.conversation.HubTexts;
import hub.conversation.KnowledgePassage;
import hub.conversation.LlmRequest;
import hub.conversation.ToolSpec;

/** The system prompt of one answer: chatbot prompt, persona, user context, knowledge, tool instructions (S2.4–S2.7). */
public final class PromptBuilder {

    private PromptBuilder() {
    }

    public static String systemPrompt(LlmRequest request) {
        Chatbot bot = request.chatbot();
        StringBuilder full = new StringBuilder()
                .append(text(bot.systemPrompt())).append('\n')
                .append(text(bot.persona())).append('\n')
                .append(userContext(request.customer()));
        HubTexts texts = bot.texts();
        String rag = knowledgeContext(request.knowledge(), texts);
        if (!rag.isEmpty()) {
            full.append('\n').append(rag);
        }
        return full.append(toolInstructions(request.tools(), texts)).toString();
    }

    static String userContext(Customer customer) {
        String name = customer == null ? "" : text(customer.name());
        String phone = customer == null ? "" : text(customer.phone());
        StringBuilder ctx = new StringBuilder("\n\nUser Context:\nName: ").append(name).append("\nPhone: ").append(phone);
        Map<String, Object> variables = customer == null ? null : customer.variables();
        if (variables != null && !variables.isEmpty()) {
            ctx.append("\nKnown Info: ").append(PythonJson.dumps(variables));
        }
        return ctx.toString();
    }

    /** S2.6 in the chatbot's language; empty when there are no passages. */
    static String knowledgeContext(List<KnowledgePassage> passages, HubTexts texts) {
        if (passages == null || passages.isEmpty()) {
            return "";
        }
        StringBuilder ctx = new StringBuilder("\n\n").append(texts.knowledgeHeader()).append('\n')
                .append(texts.knowledgeIntro()).append("\n\n");
        int i = 1;
        for (KnowledgePassage p : passages) {
            ctx.append(i++).append(". [").append(texts.source()).append(": ").append(text(p.sourceName()));
            if (p.page() != null && p.page() != 0) {
                ctx.append(", ").append(texts.page()).append(' ').append(p.page());
            }
            ctx.append(", ").append(texts.relevance()).append(": ").append(percent(p.similarity())).append("]\n")
                    .append(text(p.content())).append("\n\n");
        }
        return ctx.append(texts.knowledgeFooter()).append('\n').toString();
    }

    /**
     * Python's {@code f"{x:.0%}"}: x*100 in double arithmetic, then the exact binary value rounded half-even
     * (0.705 → "70%", 0.855 → "86%").
     */
    public static String percent(double similarity) {
        double scaled = similarity * 100;
        if (!Double.isFinite(scaled)) {
            return "0%";
        }
        return new BigDecimal(scaled).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** S2.7 in the chatbot's language; empty when there are no tools. */
    static String toolInstructions(List<ToolSpec> tools, HubTexts texts) {
        if (tools == null || tools.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n\n").append(texts.toolsHeader()).append('\n')
                .append(texts.toolsIntro()).append("\n\n");
        for (ToolSpec tool : tools) {
            out.append("• ").append(text(tool.name())).append(": ").append(description(tool)).append('\n');
            String whenToUse = configText(tool, "llm_instructions");
            if (!whenToUse.isEmpty()) {
                out.append("  ").append(texts.whenToUse()).append(": ").append(whenToUse).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String description(ToolSpec tool) {
        String description = text(tool.description());
        return description.isEmpty() ? configText(tool, "description") : description;
    }

    private static String configText(ToolSpec tool, String key) {
        Object value = tool.config() == null ? null : tool.config().get(key);
        return value == null ? "" : value.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
