package hub.llm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import hub.conversation.HubTexts;
import hub.conversation.KnowledgePassage;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;

/** The answer when no LLM is configured: the most relevant knowledge passage, said to be an excerpt, or a fixed text. */
public final class OfflineAnswer {

    static final int MAX_EXCERPT = 1000;

    private OfflineAnswer() {
    }

    public static LlmResult answer(LlmRequest request) {
        HubTexts texts = request.chatbot().texts();
        String reply = bestPassage(request.knowledge())
                .map(p -> texts.offlineIntro() + "\n\n" + excerpt(p.content().strip()))
                .orElse(texts.offlineNoAnswer());
        String name = Provider.OFFLINE.wireName();
        return new LlmResult(reply, name, name, 0, 0, 0, false, null, List.of(), null, false, false);
    }

    static Optional<KnowledgePassage> bestPassage(List<KnowledgePassage> passages) {
        if (passages == null) {
            return Optional.empty();
        }
        return passages.stream()
                .filter(p -> p.content() != null && !p.content().isBlank())
                .max(Comparator.comparingDouble(KnowledgePassage::similarity));
    }

    /** Cut at a word boundary so a long chunk does not end mid-word. */
    static String excerpt(String content) {
        if (content.length() <= MAX_EXCERPT) {
            return content;
        }
        int cut = content.lastIndexOf(' ', MAX_EXCERPT);
        if (cut < MAX_EXCERPT / 2) {
            cut = MAX_EXCERPT;
        }
        return content.substring(0, cut).stripTrailing() + "…";
    }
}
