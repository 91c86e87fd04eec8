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
    private ConversationRepository.ChatbotContext chatbotContext;
    private ConversationRepository.ContactRow contact;
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
    private InteractiveReply interactive;
    private boolean handedOff;
    private List<String> outboundWamids = List.of();
    private String deliveryError;
    private List<BurstPart> burst = List.of();
    private boolean heldForBurst;
    private ConversationRepository.AgentInputs conversation;
    private ConversationRepository.Usage usage;
    private ConversationRepository.ReplyHistory replyHistory;

    public Turn(InboundMessage inbound) {
        this.inbound = inbound;
    }

    /** Why a message is not answered by the agent; the names are the database's not_answered_reason values. */
    public enum NotAnswered {
        manual_mode, chatbot_inactive, organization_inactive, unknown_number, quota_exceeded, rate_limited,
        too_long, unsupported_type, reaction, empty_message, processing_failed, delivery_failed, customer_rate_limit,
        turn_timeout, media_unreadable
    }

    /** One of the messages of a burst answered in one turn, in the order they arrived. */
    public record BurstPart(UUID webhookEventId, long inboundMessageId, String text) {
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
    /** The buttons or list the agent replies with instead of text, or null. */
    public InteractiveReply interactive() { return interactive; }
    /** The agent handed the customer to a person: the reply is the chatbot's handoff text. */
    public boolean handedOff() { return handedOff; }
    public List<String> outboundWamids() { return outboundWamids; }
    public String deliveryError() { return deliveryError; }

    public boolean answeredByAgent() { return notAnswered == null; }

    /** The messages of the burst this turn answers together (the last is {@link #inbound()}); empty for a single message. */
    public List<BurstPart> burst() { return burst; }

    /** The webhook events this turn finishes: the burst's, or the message's own. */
    public List<UUID> webhookEventIds() {
        return burst.isEmpty() ? List.of(webhookEventId) : burst.stream().map(BurstPart::webhookEventId).toList();
    }

    /** The stored inbound messages this turn answers. */
    public List<Long> inboundMessageIds() {
        if (!burst.isEmpty()) {
            return burst.stream().map(BurstPart::inboundMessageId).toList();
        }
        return inboundMessageId == null ? List.of() : List.of(inboundMessageId);
    }

    /** What the agent answers: a burst's messages in order, a voice note's transcript, else the message's text or caption. */
    public String textToAnswer() {
        if (!burst.isEmpty()) {
            return String.join("\n", burst.stream().map(BurstPart::text).toList());
        }
        return media instanceof CustomerMedia.Transcript transcript ? transcript.text() : inbound.text();
    }
    public boolean delivered() { return !outboundWamids.isEmpty(); }
    /** A redelivered message whose reply went out, or may have: it is closed, never answered again. */
    public boolean alreadyReplied() {
        return "sent".equals(replyStatusBefore) || "sending".equals(replyStatusBefore) || "uncertain".equals(replyStatusBefore);
    }
    public boolean heldForBurst() { return heldForBurst; }
    /** The chatbot's tools and the conversation so far, when they were read with the message's context. */
    public ConversationRepository.AgentInputs conversation() { return conversation; }

    public void claimed(ConversationRepository.Claim claim) {
        this.webhookEventId = claim.webhookEventId();
        this.claimed = claim.claimed();
        this.replyStatusBefore = claim.replyStatus();
        this.attempts = claim.attempts();
        this.chatbotContext = claim.chatbotContext();
        this.contact = claim.contact();
    }

    /** The contact as the claim upserted it; null for an unknown number or a message replied to before. */
    public ConversationRepository.ContactRow contact() { return contact; }

    /** The chatbot's context read with the claim; empty when no chatbot uses the message's phone number id. */
    public java.util.Optional<ConversationRepository.ChatbotContext> chatbotContext() {
        return java.util.Optional.ofNullable(chatbotContext);
    }

    public void context(Chatbot chatbot, Customer customer) {
        this.chatbot = chatbot;
        this.customer = customer;
    }

    public void inboundMessageId(Long id) { this.inboundMessageId = id; }

    public void burst(List<BurstPart> parts) { this.burst = List.copyOf(parts); }

    public void heldForBurst(boolean held) { this.heldForBurst = held; }

    public void conversation(ConversationRepository.AgentInputs conversation) { this.conversation = conversation; }

    /** What a delivered answer is billed; null when it is not billed. */
    public ConversationRepository.Usage usage() { return usage; }

    public void usage(ConversationRepository.Usage usage) { this.usage = usage; }

    /** What is stored with a delivered agent answer besides its text; null when the reply is not stored. */
    public ConversationRepository.ReplyHistory replyHistory() { return replyHistory; }

    public void replyHistory(ConversationRepository.ReplyHistory history) { this.replyHistory = history; }

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

    /** The agent's reply is these buttons or this list (history shows them as text). */
    public void replyWith(InteractiveReply reply) {
        this.interactive = reply;
        this.replyText = reply.asText();
    }

    /** The agent handed the customer to a person; the customer is told {@code text}. */
    public void handedOff(String text) {
        this.handedOff = true;
        this.interactive = null;
        this.replyText = text;
    }

    public void delivered(List<String> wamids) { this.outboundWamids = List.copyOf(wamids); }

    public void deliveryFailed(String error) { this.deliveryError = error; }
}
