package hub.conversation;

import java.util.List;
import java.util.UUID;

/**
 * One customer message on its way through the conversation routes: what the stages found and
 * decided so far. The exchange body of every conversation route.
 */
public final class Turn {

    private final InboundMessage inbound;
    /** When the message was taken from the topic: its time budget counts from here. */
    private final long startedNanos = System.nanoTime();
    private UUID webhookEventId;
    private boolean claimed;
    private String replyStatusBefore;
    private int attempts;
    private Chatbot chatbot;
    private Customer customer;
    private Long inboundMessageId;
    private NotAnswered notAnswered;
    private String automaticReply;
    private MediaUse mediaUse = MediaUse.NONE;
    private CustomerMedia media;
    private List<ToolSpec> tools = List.of();
    private List<HistoryEntry> history = List.of();
    private List<KnowledgePassage> knowledge = List.of();
    private LlmResult llm;
    private String replyText;
    private List<String> outboundWamids = List.of();
    private String deliveryError;

    public Turn(InboundMessage inbound) {
        this.inbound = inbound;
    }

    /** Why a message is not answered by the agent; the names are the database's not_answered_reason values. */
    public enum NotAnswered {
        manual_mode, chatbot_inactive, organization_inactive, unknown_number, quota_exceeded, rate_limited,
        too_long, unsupported_type, reaction, empty_message, processing_failed, delivery_failed, customer_rate_limit,
        turn_timeout, media_unreadable
    }

    public InboundMessage inbound() { return inbound; }
    public long startedNanos() { return startedNanos; }
    public UUID webhookEventId() { return webhookEventId; }
    public boolean claimed() { return claimed; }
    public String replyStatusBefore() { return replyStatusBefore; }
    public int attempts() { return attempts; }
    public Chatbot chatbot() { return chatbot; }
    public Customer customer() { return customer; }
    public Long inboundMessageId() { return inboundMessageId; }
    public NotAnswered notAnswered() { return notAnswered; }
    public String automaticReply() { return automaticReply; }
    public MediaUse mediaUse() { return mediaUse; }
    public CustomerMedia media() { return media; }
    public List<ToolSpec> tools() { return tools; }
    public List<HistoryEntry> history() { return history; }
    public List<KnowledgePassage> knowledge() { return knowledge; }
    public LlmResult llm() { return llm; }
    public String replyText() { return replyText; }
    public List<String> outboundWamids() { return outboundWamids; }
    public String deliveryError() { return deliveryError; }

    public boolean answeredByAgent() { return notAnswered == null; }

    /** What the agent answers: a voice note's transcript, else the message's text or caption. */
    public String textToAnswer() {
        return media instanceof CustomerMedia.Transcript transcript ? transcript.text() : inbound.text();
    }
    public boolean delivered() { return !outboundWamids.isEmpty(); }

    public void claimed(UUID webhookEventId, boolean claimed, String replyStatus, int attempts) {
        this.webhookEventId = webhookEventId;
        this.claimed = claimed;
        this.replyStatusBefore = replyStatus;
        this.attempts = attempts;
    }

    public void context(Chatbot chatbot, Customer customer) {
        this.chatbot = chatbot;
        this.customer = customer;
    }

    public void inboundMessageId(Long id) { this.inboundMessageId = id; }

    public void mediaUse(MediaUse use) { this.mediaUse = use; }

    public void media(CustomerMedia media) { this.media = media; }

    /** Not answered by the agent; {@code automaticReply} (fallback or unsupported text) is still sent when not null. */
    public void notAnswered(NotAnswered reason, String automaticReply) {
        this.notAnswered = reason;
        this.automaticReply = automaticReply;
        this.replyText = automaticReply;
    }

    public void agentInputs(List<ToolSpec> tools, List<HistoryEntry> history, List<KnowledgePassage> knowledge) {
        this.tools = tools;
        this.history = history;
        this.knowledge = knowledge;
    }

    public void llm(LlmResult llm) {
        this.llm = llm;
        this.replyText = llm.reply();
    }

    public void delivered(List<String> wamids) { this.outboundWamids = List.copyOf(wamids); }

    public void deliveryFailed(String error) { this.deliveryError = error; }
}
