package routes;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps of a route in one database transaction, rolled back when they end in an exception, which is left on
 * the exchange for the calling route's error handler: its retries each take a new transaction, and its failure
 * processors run after the rollback. (Camel's {@code transacted()} would give the route a transactional error handler
 * of its own, which retries inside the route and hides the failure from the caller's.)
 */
@Component
public record InOneTransaction(TransactionTemplate transaction) implements Policy {

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return exchange -> transaction.executeWithoutResult(status -> {
            try {
                steps.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                status.setRollbackOnly();
            }
        });
    }
}
