package hub.llm;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import hub.metrics.BusinessMetrics;

/** Times every call of one provider's model and records how it ended ({@link BusinessMetrics#llmCall}). */
final class CallMetrics implements ChatModelListener {

    private static final String STARTED = CallMetrics.class.getName() + ".started";

    private final BusinessMetrics metrics;
    private final Provider provider;
    private final String model;

    CallMetrics(BusinessMetrics metrics, Provider provider, String model) {
        this.metrics = metrics;
        this.provider = provider;
        this.model = model;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        context.attributes().put(STARTED, System.nanoTime());
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        record(context.attributes().get(STARTED), "success");
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        record(context.attributes().get(STARTED), outcome(context.error()));
    }

    private void record(Object started, String outcome) {
        if (started instanceof Long nanos) {
            metrics.llmCall(provider.wireName(), model, Duration.ofNanos(System.nanoTime() - nanos), outcome);
        }
    }

    static String outcome(Throwable error) {
        if (ErrorClassifier.isLimit(error)) {
            return "limit";
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return "timeout";
            }
            if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
                return "cancelled";
            }
        }
        return Thread.currentThread().isInterrupted() ? "cancelled" : "error";
    }
}
