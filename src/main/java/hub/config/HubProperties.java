package hub.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every {@code hub.*} setting, relaxed-bound from {@code HUB_*} environment variables.
 * README.md documents each one with its default.
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue Whatsapp whatsapp,
        @DefaultValue Webhook webhook,
        @DefaultValue Api api,
        @DefaultValue Kafka kafka,
        @DefaultValue Llm llm,
        @DefaultValue Embeddings embeddings,
        @DefaultValue Alerts alerts,
        @DefaultValue Admin admin,
        @DefaultValue Security security,
        @DefaultValue Console console,
        @DefaultValue Secrets secrets,
        @DefaultValue Ingest ingest,
        @DefaultValue Demo demo,
        @DefaultValue Conversation conversation,
        @DefaultValue Media media,
        @DefaultValue Jobs jobs,
        java.util.Map<String, Plan> plans,
        @DefaultValue Pricing pricing,
        @DefaultValue Tools tools,
        @DefaultValue Events events,
        @DefaultValue Metrics metrics,
        /* what this instance runs; see Role */
        @DefaultValue("all") java.util.List<Role> roles) {

    public HubProperties {
        plans = plans == null ? java.util.Map.of() : plans;
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("hub.roles names no role: give all, or some of "
                    + java.util.Arrays.toString(Role.values()).toLowerCase(java.util.Locale.ROOT));
        }
        roles = java.util.List.copyOf(roles);
    }

    /** Beans keep these settings as a record component: their toString must not print tokens and keys. */
    @Override
    public String toString() {
        return "HubProperties";
    }

    /**
     * What an instance runs ({@code hub.roles}, comma-separated, default {@code all}), so webhook receivers, workers
     * and the API can be scaled apart. A surface of a role the instance does not run is closed: its paths answer 404,
     * its consumers and timers do not start. README, "Scaling out".
     */
    public enum Role {
        /** every role below */
        ALL,
        /** {@code GET/POST /webhook}: Meta's events into Kafka */
        INGRESS,
        /** the consumers of whatsapp.inbound and whatsapp.status, the burst and uncertain-reply sweeps */
        CONVERSATION,
        /** the consumers of knowledge.ingest */
        KNOWLEDGE,
        /** the scheduled jobs; each runs once per schedule among the instances with this role */
        JOBS,
        /** {@code /api/**} */
        API,
        /** {@code /console/**} */
        CONSOLE;

        /** The role a route group names ({@code ingress}, {@code jobs} ...), or empty. */
        public static java.util.Optional<Role> ofGroup(String group) {
            return java.util.Arrays.stream(values()).filter(role -> role != ALL && role.group().equals(group)).findFirst();
        }

        /** The route group of this role's routes. */
        public String group() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether this instance runs {@code role}. */
    public boolean runs(Role role) {
        return roles.contains(Role.ALL) || roles.contains(role);
    }

    public record Whatsapp(
            String verifyToken,
            String appSecret,
            @DefaultValue("false") boolean allowUnsigned,
            @DefaultValue("https://graph.facebook.com") String graphBaseUrl,
            @DefaultValue("v22.0") String graphVersion) {
    }

    public record Webhook(
            @DefaultValue("1MB") DataSize maxBodySize,
            /* how long a POST may wait for the broker to acknowledge its records before answering 503 */
            @DefaultValue("5s") Duration ackTimeout) {
    }

    public record Kafka(
            /* empty: run the embedded single-node KRaft broker */
            String brokers,
            @DefaultValue("./data/kafka") Path dataDir,
            /* port of the embedded broker's client listener; 0 picks a free port */
            @DefaultValue("9092") int embeddedPort,
            @DefaultValue("1") short replicationFactor,
            /* how long the producer waits to batch records of concurrent webhooks into one request */
            @DefaultValue("5ms") Duration linger,
            /* how long start-up waits for a cluster that is not reachable yet (brokers still starting) before failing */
            @DefaultValue("2m") Duration startupWait,
            @DefaultValue Topics topics) {

        public boolean embedded() {
            return brokers == null || brokers.isBlank();
        }
    }

    public record Topics(
            @DefaultValue("whatsapp.inbound") String inbound,
            @DefaultValue("12") int inboundPartitions,
            @DefaultValue("whatsapp.status") String status,
            @DefaultValue("6") int statusPartitions,
            @DefaultValue("knowledge.ingest") String knowledgeIngest,
            @DefaultValue("3") int knowledgeIngestPartitions) {
    }

    public record Llm(
            @DefaultValue("offline") String defaultProvider,
            @DefaultValue OpenAi openai,
            @DefaultValue Gemini gemini) {
    }

    public record OpenAi(String apiKey, @DefaultValue("https://api.openai.com/v1") String baseUrl) {
    }

    public record Gemini(String apiKey,
                         @DefaultValue("https://generativelanguage.googleapis.com/v1beta") String baseUrl) {
    }

    /**
     * How knowledge is embedded: {@code local} (all-MiniLM-L6-v2 in the JVM, 384 dims, no network) or
     * {@code openai} (any OpenAI-compatible embeddings endpoint). Queries always use the same model as
     * the chunks they are compared with; after a change, re-embed (README, "Knowledge base").
     */
    public record Embeddings(
            @DefaultValue("local") String provider,
            /* texts per model call (local) or per request (openai) */
            @DefaultValue("32") int batchSize,
            /* cosine similarity a passage needs to be retrieved, applied after fusion; depends on the model */
            @DefaultValue("0.25") double similarityThreshold,
            @DefaultValue OpenAiEmbeddings openai,
            /* ISO 639-1 languages the model knows; empty = local: en, openai: every language */
            java.util.List<String> languages,
            /* weight of full text in the search fusion (vectors weigh 1) for a chatbot whose language the model knows */
            @DefaultValue("1") double textWeight,
            /* ... and for a chatbot whose language it does not know */
            @DefaultValue("3") double unfamiliarLanguageTextWeight) {

        public Embeddings {
            languages = languages == null ? java.util.List.of() : languages;
        }
    }

    /** OpenAI embeddings; an empty key falls back to {@code hub.llm.openai.api-key}. */
    public record OpenAiEmbeddings(
            String apiKey,
            @DefaultValue("https://api.openai.com/v1") String baseUrl,
            @DefaultValue("text-embedding-3-small") String model,
            /* vector size; empty = the model's native size (1536 for text-embedding-3-small) */
            Integer dimensions,
            @DefaultValue("30s") Duration timeout) {
    }

    public record Alerts(String slackWebhookUrl) {
    }

    public record Admin(String token) {
    }

    /**
     * Failed authentication attempts (a wrong or revoked API key, a wrong operator token) are limited per
     * source address: after {@code failedAuthLimit} failures within {@code failedAuthPeriod}, further requests
     * carrying credentials from that address answer 429 until the period has let one through again.
     */
    public record Security(
            @DefaultValue("10") int failedAuthLimit,
            @DefaultValue("1m") Duration failedAuthPeriod,
            /* source addresses remembered at once; the least recently failing are forgotten first */
            @DefaultValue("100000") int failedAuthTrackedAddresses) {
    }

    /**
     * The console's sign-in: a session ends after {@code sessionTimeout} without a request; an e-mail address
     * with {@code signInAttempts} failed sign-ins in a row is locked for {@code lockout} (on every instance).
     */
    public record Console(
            /* where people open the console (scheme, host, port and any path before /console): links in e-mails start with it */
            @DefaultValue("http://localhost:8080") java.net.URI publicUrl,
            @DefaultValue("8h") Duration sessionTimeout,
            @DefaultValue("5") int signInAttempts,
            @DefaultValue("15m") Duration lockout) {

        /** A link to a console page for an e-mail: {@code <public-url>/console/<page>#<secret>}. */
        public String link(String page, String secret) {
            return publicUrl.toString().replaceAll("/+$", "") + "/console/" + page + "#" + secret;
        }
    }

    /**
     * Encryption of secrets at rest (WhatsApp access tokens, integration credentials): AES-256-GCM with
     * {@code key} (base64 of 32 bytes). Without a key, one is generated once into {@code key-file}.
     */
    public record Secrets(
            String key,
            @DefaultValue("./data/secrets.key") java.nio.file.Path keyFile) {
    }

    /** Scheduled jobs that are not plain SQL (see maintenance.yaml for the others). */
    public record Jobs(
            /* an inbound message still processing this long after its lease expired is put back on the topic */
            @DefaultValue("2m") Duration stuckMessagesAfter,
            /* how many stuck messages or due knowledge re-syncs one run handles */
            @DefaultValue("100") int batchSize) {
    }

    /** Knowledge ingestion: uploads, URL fetching and crawling, chunking, the ingestion consumers. */
    public record Ingest(
            /* let URL ingestion and crawls fetch loopback, private, link-local and metadata addresses (SSRF) */
            @DefaultValue("false") boolean allowPrivateNetworks,
            /* largest uploaded file; larger uploads answer 413 */
            @DefaultValue("10MB") DataSize maxUploadSize,
            /* chunk length and overlap, in characters */
            @DefaultValue("1000") int chunkSize,
            @DefaultValue("200") int chunkOverlap,
            /* fetching pages: connect and whole-request timeouts, largest page, politeness per host */
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("5MB") DataSize maxPageSize,
            @DefaultValue("1s") Duration perHostInterval,
            /* crawl caps (requests asking for more are clamped), server-side deadline, crawls at once */
            @DefaultValue("3") int crawlMaxDepth,
            @DefaultValue("100") int crawlMaxPages,
            @DefaultValue("60s") Duration crawlTimeout,
            @DefaultValue("4") int maxConcurrentCrawls,
            /* URLs one POST /ingest-batch may carry */
            @DefaultValue("50") int maxBatchUrls,
            /* sources ingested in parallel by this instance (Kafka consumers of knowledge.ingest) */
            @DefaultValue("2") int concurrency,
            /* a source pending or processing without progress for this long is queued again */
            @DefaultValue("5m") Duration requeueAfter) {
    }

    public record Conversation(
            /* Kafka consumers of whatsapp.inbound in this instance (each owns some partitions) */
            @DefaultValue("4") int consumers,
            /* how long a claimed message is reserved for this instance before another may take it over */
            @DefaultValue("2m") Duration lease,
            /* processing attempts before a message is parked as failed and alerted */
            @DefaultValue("3") int maxAttempts,
            /* LLM calls in flight at once, in total and per chatbot (Throttle EIP) */
            @DefaultValue("32") int maxConcurrentLlmCalls,
            @DefaultValue("8") int maxConcurrentLlmCallsPerChatbot,
            @DefaultValue("20") int historySize,
            /* mark the customer's message read and show the typing indicator before calling the LLM */
            @DefaultValue("true") boolean markRead,
            @DefaultValue("true") boolean typingIndicator,
            /* quota share at which the organisation is warned once per billing period */
            @DefaultValue("0.8") double quotaWarningRatio,
            /* longest a message may take from its claim to its reply; then fallback_message_error goes out */
            @DefaultValue("90s") Duration turnTimeout,
            @DefaultValue CustomerRateLimit customerRateLimit,
            /* a customer's messages this close to the previous one are answered together in one turn; 0 = off */
            @DefaultValue("2s") Duration burstWindow,
            /* a reply whose send was cut by a crash is sent again when no status webhook proved it went out this long
               after the send began (Meta's status normally arrives within seconds) */
            @DefaultValue("60s") Duration uncertainSendWait,
            /* this instance settles uncertain replies when it has the conversation role (any such instance may: they
               are taken with a lease) */
            @DefaultValue("true") boolean settleUncertainReplies) {

        public boolean burstsOn() {
            return burstWindow != null && !burstWindow.isZero() && !burstWindow.isNegative();
        }
    }

    /**
     * Customers' voice notes, images and documents: downloaded from the Graph API through the guarded client
     * within a size cap per type, checked against their declared MIME type, kept in memory for the turn only.
     */
    public record Media(
            /* largest voice note / image / document downloaded (Meta's own limits: 16 MB, 5 MB, 100 MB) */
            @DefaultValue("16MB") DataSize maxAudioSize,
            @DefaultValue("5MB") DataSize maxImageSize,
            @DefaultValue("100MB") DataSize maxDocumentSize,
            /* one download (media URL lookup and bytes), within the turn's own deadline */
            @DefaultValue("30s") Duration downloadTimeout,
            /* characters of a customer's document given to the agent; the rest is cut with a note */
            @DefaultValue("20000") int documentMaxChars,
            /* models that are sent images (glob patterns, case-insensitive); other models get the caption */
            @DefaultValue({"gpt-4o*", "gpt-4.1*", "gpt-5*", "gemini-*"}) java.util.List<String> visionModels,
            /* let media URLs be loopback or private addresses (SSRF); the configured Graph API host always may */
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue Transcription transcription) {
    }

    /** An OpenAI-compatible {@code POST {base-url}/audio/transcriptions}; without a base URL voice notes are not transcribed. */
    public record Transcription(
            String baseUrl,
            String apiKey,
            @DefaultValue("whisper-1") String model,
            @DefaultValue("60s") Duration timeout) {

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }

    /**
     * Messages one sender may write to one chatbot per {@code per}; those over it are stored, not
     * answered ({@code customer_rate_limit}). {@code messages} 0 turns the limit off.
     */
    public record CustomerRateLimit(@DefaultValue("10") int messages, @DefaultValue("1m") Duration per) {

        public boolean enabled() {
            return messages > 0;
        }
    }

    /** The API ({@code /api/**}). */
    public record Api(
            /* largest request body on /api/** (uploads have hub.ingest.max-upload-size), counted while it streams;
               larger bodies answer 413. Paths that are neither the API nor the webhook get the smaller limit of the two */
            @DefaultValue("1MB") DataSize maxBodySize,
            /* requests per API key of an organisation */
            @DefaultValue ApiRateLimit rateLimit) {
    }

    /**
     * Requests per minute per API key, and the tighter limit of the heavy requests (crawl, upload,
     * URL ingestion, re-sync); over it the API answers 429 with Retry-After. 0 turns a limit off.
     */
    public record ApiRateLimit(@DefaultValue("600") int requestsPerMinute, @DefaultValue("10") int heavyPerMinute) {
    }

    /** Per plan tier (hub.plans.<tier>): hourly messages per chatbot number and maximum message length. */
    public record Plan(@DefaultValue("20") int messagesPerHour, @DefaultValue("2000") int maxMessageLength) {
    }

    /** The limits of a plan tier; unknown tiers get the free tier's limits. */
    public Plan plan(String tier) {
        Plan plan = plans.get(tier == null ? "free" : tier);
        return plan != null ? plan : plans.getOrDefault("free", new Plan(20, 2000));
    }

    /**
     * USD per 1,000 tokens by provider and model; the most specific (longest) model key contained in
     * the model name wins, then the provider's {@code default}, then {@link #fallback()}.
     */
    public record Pricing(
            @DefaultValue("0.001") double fallback,
            java.util.Map<String, java.util.Map<String, Double>> perThousandTokens) {
    }

    /**
     * Agent tools: HTTP tool servers and MCP servers (timeouts, answer size), the circuit breaker per
     * integration, and the catalogue the calculate_pricing / list_plans tools quote from.
     */
    public record Tools(
            /* one call to an HTTP tool server or MCP server, and a discovery/import: connection, headers and body */
            @DefaultValue("30s") Duration timeout,
            /* largest answer read from a tool server, MCP server or Slack webhook; a larger one fails the call */
            @DefaultValue("1MB") DataSize maxResponseBytes,
            /* tool calls the agent may make for one customer message, over all its LLM calls */
            @DefaultValue("8") int maxCallsPerTurn,
            /* a tool answer longer than this many characters is cut, with a note for the LLM */
            @DefaultValue("20000") int maxResultChars,
            /* failures in a row that open an integration's circuit, and how long it stays open */
            @DefaultValue("5") int circuitFailureThreshold,
            @DefaultValue("60s") Duration circuitOpenFor,
            /* the contact_owner tool's Slack notification */
            @DefaultValue("10s") Duration slackTimeout,
            /* the sender of the owner's e-mails (spring.mail.* names the mail server): an address that server may send from */
            @DefaultValue("WhatsApp Agent Hub <no-reply@localhost>") String mailFrom,
            @DefaultValue("MXN") String currency,
            /* let integrations point at loopback, private and link-local addresses (SSRF); tests turn it on */
            @DefaultValue("false") boolean allowPrivateNetworks,
            /* plans quoted by calculate_pricing and list_plans, in the order they are listed */
            java.util.Map<String, PricePlan> plans) {

        public Tools {
            plans = plans == null ? java.util.Map.of() : plans;
        }
    }

    /** A plan of the pricing tools: base price per month, messages included, price of each extra message. */
    public record PricePlan(String name, java.math.BigDecimal basePrice, long includedMessages,
                            java.math.BigDecimal extraMessagePrice, java.util.List<String> features) {

        public PricePlan {
            features = features == null ? java.util.List.of() : features;
        }
    }

    /** Live events of {@code GET /api/events} (server-sent events fed by PostgreSQL NOTIFY hub_events). */
    public record Events(
            /* a comment line sent on every open stream this often, so proxies keep it open */
            @DefaultValue("15s") Duration heartbeat,
            /* open streams per organisation on this instance; one more answers 429 */
            @DefaultValue("50") int maxStreamsPerOrganization,
            /* a stream is closed after this long (browsers' EventSource reconnects on its own) */
            @DefaultValue("30m") Duration streamTimeout,
            /* wait before the LISTEN connection is opened again after it failed */
            @DefaultValue("2s") Duration reconnectDelay) {
    }

    /** The business metrics of {@code /actuator/prometheus} (hub.metrics). */
    public record Metrics(
            /* distinct organisations, chatbots and models a metric keeps apart; the ones seen after that count as "other" */
            @DefaultValue("200") int maxTagValues,
            /* how often the Kafka consumer lag and the knowledge ingestion gauges are read */
            @DefaultValue("30s") Duration refreshInterval) {
    }

    public record Demo(
            /* create a demo organisation, chatbot and API key on start (the run command turns this on) */
            @DefaultValue("false") boolean enabled,
            @DefaultValue("100000000000001") String phoneNumberId) {
    }
}
