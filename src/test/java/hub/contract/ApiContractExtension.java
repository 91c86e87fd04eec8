package hub.contract;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when an answer it received broke the API contract, also when the client call ran on another
 * thread (an executor, a poller) whose AssertionError the test never saw.
 */
public class ApiContractExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApiContractExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("mark", ApiContract.violationCount());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer mark = context.getStore(NAMESPACE).get("mark", Integer.class);
        List<String> violations = ApiContract.violationsSince(mark == null ? 0 : mark);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " answer(s) did not match /api/openapi.json:\n" + String.join("\n", violations));
        }
    }
}
