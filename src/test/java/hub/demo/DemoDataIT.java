package hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hub.ApiClient;
import hub.ConsoleBrowser;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.config.HubProperties;
import hub.security.ApiKeyRepository;
import hub.security.PeopleRepository;
import hub.security.PersonAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo's first start prints the owner's sign-in once; the owner signs in with it and works at once. */
@IntegrationTest
class DemoDataIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApiKeyRepository apiKeys;
    @Autowired
    PersonAccounts accounts;
    @Autowired
    PeopleRepository people;
    @Autowired
    HubProperties hub;

    @Test
    void theDemoOwnerSignsInWithThePrintedPassword() {
        jdbc.update("DELETE FROM users WHERE email = ?", DemoData.OWNER_EMAIL);
        jdbc.update("DELETE FROM organizations WHERE slug = ?", DemoData.SLUG);
        DemoData demo = new DemoData(jdbc, tx, apiKeys, accounts, people, hub, String.valueOf(port));

        String first = printed(demo);
        Matcher signIn = Pattern.compile(Pattern.quote(DemoData.OWNER_EMAIL) + ", password \\(shown only now\\): (\\S+)").matcher(first);
        assertThat(signIn.find()).as(first).isTrue();
        assertThat(first).contains("Its API key (shown only now): wah_");
        assertThat(printed(demo)).as("printed once").doesNotContain("password", "wah_");

        HubHttp http = new HubHttp(port);
        ConsoleBrowser owner = ConsoleBrowser.signedIn(http, DemoData.OWNER_EMAIL, signIn.group(1));
        assertThat(owner.session().at("/user/must_change_password").asBoolean()).isFalse();
        assertThat(ApiClient.json(owner.get("/api/organization")).get("slug").asText()).isEqualTo(DemoData.SLUG);
        assertThat(owner.get("/api/people").statusCode()).isEqualTo(200);

    }

    private static String printed(DemoData demo) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            demo.run(null);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
