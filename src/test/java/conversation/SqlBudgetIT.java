package conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import hub.HubHttp;
import hub.IntegrationTest;
import hub.SqlStatementCounter;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL an answered message costs the database: at most 4 statements in 3 transactions (sandbox sends add their
 * outbox row, one statement in its own transaction).
 */
@IntegrationTest
@Import(SqlStatementCounter.class)
class SqlBudgetIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}")
    String databaseUrl;

    record Cost(long statements, long commits) {
    }

    @AfterEach
    void countEveryThreadAgain() {
        SqlStatementCounter.COUNTED_THREADS = name -> true;
    }

    @Test
    void anAnsweredMessageTakesAtMostFourStatementsInThreeTransactions() {
        HubHttp http = new HubHttp(port);
        Tenant tenant = tenants.create("Budget " + UUID.randomUUID());
        // the pipeline's own SQL, on the inbound topic's consumer threads; not the scheduled jobs running meanwhile
        SqlStatementCounter.COUNTED_THREADS = name -> name.contains("KafkaConsumer[");
        Cost plain = costPerAnswer(http, tenant, 5);
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", tenant.chatbotId());
        Cost withKnowledge = costPerAnswer(http, tenant, 5);

        System.out.printf("SQL per answered message: %d statements in %d transactions (plain), %d in %d (with knowledge "
                + "retrieval), each including the sandbox outbox insert%n", plain.statements(), plain.commits(),
                withKnowledge.statements(), withKnowledge.commits());
        // the sandbox outbox row stands in for the Graph API call, so it is not counted against the budget
        assertThat(plain.statements() - 1).isLessThanOrEqualTo(4);
        assertThat(plain.commits() - 1).isLessThanOrEqualTo(3);
        assertThat(withKnowledge.statements() - 1).isLessThanOrEqualTo(5);
        assertThat(withKnowledge.commits() - 1).isLessThanOrEqualTo(4);
    }

    private Cost costPerAnswer(HubHttp http, Tenant tenant, int messages) {
        String customer = "3461" + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        // warm the contact (the first message of a conversation is the same cost, but keep the runs equal)
        String warm = "wamid." + UUID.randomUUID();
        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, warm, "hola"));
        awaitCompleted(warm);
        long statements = SqlStatementCounter.STATEMENTS.get();
        long commits = SqlStatementCounter.COMMITS.get();
        for (int i = 0; i < messages; i++) {
            String wamid = "wamid." + UUID.randomUUID();
            http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "¿horario " + i + "?"));
            awaitCompleted(wamid);
        }
        return new Cost((SqlStatementCounter.STATEMENTS.get() - statements) / messages,
                (SqlStatementCounter.COMMITS.get() - commits) / messages);
    }

    /** Polls on its own connection, outside the counted data source. */
    private void awaitCompleted(String wamid) {
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(30)).until(() -> {
            try (var connection = java.sql.DriverManager.getConnection(databaseUrl, "hub", "hub");
                 var query = connection.prepareStatement("SELECT status FROM webhook_events WHERE whatsapp_message_id = ?")) {
                query.setString(1, wamid);
                try (var rows = query.executeQuery()) {
                    return rows.next() && "completed".equals(rows.getString(1));
                }
            }
        });
    }
}
