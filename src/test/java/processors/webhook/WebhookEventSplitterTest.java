package processors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import hub.web.ApiError;
import org.junit.jupiter.api.Test;
import processors.webhook.WebhookEventSplitter.TopicRecord;

class WebhookEventSplitterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final WebhookEventSplitter splitter = new WebhookEventSplitter(mapper, TestProperties.hub(Map.of()));

    @Test
    void everyMessageOfEveryEntryBecomesOneInboundRecordKeyedByConversation() throws IOException {
        List<TopicRecord> records = splitter.split(fixture("multi-entry.json"));

        assertThat(records).extracting(TopicRecord::topic).containsOnly("whatsapp.inbound");
        assertThat(records).extracting(TopicRecord::key).containsExactly(
                "106540352242922:16505551234", "106540352242922:34600111222",
                "106540352242923:5215512345678", "106540352242923:5215512345678",
                "106540352242923:5215512345678", "106540352242923:5215512345678");

        JsonNode first = json(records.get(0));
        assertThat(first.get("wamid").asText()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        assertThat(first.get("phoneNumberId").asText()).isEqualTo("106540352242922");
        assertThat(first.get("from").asText()).isEqualTo("16505551234");
        assertThat(first.get("profileName").asText()).isEqualTo("Sheena Nelson");
        assertThat(first.get("timestamp").asLong()).isEqualTo(1749416383L);
        assertThat(first.get("type").asText()).isEqualTo("text");
        assertThat(first.get("text").asText()).isEqualTo("Does it come in another color?");
        assertThat(first.get("raw").get("text").get("body").asText()).isEqualTo("Does it come in another color?");

        JsonNode button = json(records.get(1));
        assertThat(button.get("profileName").asText()).as("the contact matching the sender").isEqualTo("Ana García");
        assertThat(button.get("text").asText()).isEqualTo("Plan Pro");
    }

    @Test
    void theTextToAnswerComesFromCaptionsAndReplyTitlesAndIsAbsentForOtherTypes() throws IOException {
        List<TopicRecord> records = splitter.split(fixture("multi-entry.json"));

        JsonNode image = json(records.get(2));
        assertThat(image.get("type").asText()).isEqualTo("image");
        assertThat(image.get("text").asText()).isEqualTo("¿Tienen esta talla?");
        assertThat(image.get("attachment").get("id").asText()).isEqualTo("1234567890");
        assertThat(image.get("attachment").get("mimeType").asText()).isEqualTo("image/jpeg");

        assertThat(json(records.get(3)).get("text").asText()).isEqualTo("Horarios");

        JsonNode sticker = json(records.get(4));
        assertThat(sticker.get("type").asText()).isEqualTo("sticker");
        assertThat(sticker.get("text").isNull()).isTrue();

        JsonNode unsupported = json(records.get(5));
        assertThat(unsupported.get("type").asText()).isEqualTo("unsupported");
        assertThat(unsupported.get("raw").get("errors").get(0).get("code").asInt()).isEqualTo(131051);
    }

    @Test
    void nulCharactersWhichTheDatabaseCannotStoreAreDropped() throws IOException {
        String body = new String(fixture("multi-entry.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("Does it come in another color?", "Does it come\\u0000 in another color?")
                .replace("\"16505551234\"", "\"1650555\\u00001234\"");

        JsonNode first = json(splitter.split(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0));

        assertThat(first.get("text").asText()).isEqualTo("Does it come in another color?");
        assertThat(first.toString()).doesNotContain("\\u0000");
    }

    @Test
    void statusesGoToTheStatusTopicOnePerStatus() throws IOException {
        List<TopicRecord> records = splitter.split(fixture("statuses-only.json"));

        assertThat(records).hasSize(2).extracting(TopicRecord::topic).containsOnly("whatsapp.status");
        JsonNode delivered = json(records.get(0));
        assertThat(delivered.get("kind").asText()).isEqualTo("status");
        assertThat(delivered.get("wamid").asText()).isEqualTo("wamid.OUT1");
        assertThat(delivered.get("status").asText()).isEqualTo("delivered");
        assertThat(delivered.get("recipientId").asText()).isEqualTo("16505551234");
        assertThat(delivered.get("pricing").get("category").asText()).isEqualTo("service");
        JsonNode failed = json(records.get(1));
        assertThat(failed.get("errors").get(0).get("code").asInt()).isEqualTo(131047);
    }

    @Test
    void outOfBandErrorsBecomeOneErrorRecord() throws IOException {
        List<TopicRecord> records = splitter.split(fixture("errors.json"));

        assertThat(records).hasSize(1);
        JsonNode error = json(records.get(0));
        assertThat(records.get(0).topic()).isEqualTo("whatsapp.status");
        assertThat(error.get("kind").asText()).isEqualTo("error");
        assertThat(error.get("phoneNumberId").asText()).isEqualTo("106540352242922");
        assertThat(error.get("errors").get(0).get("code").asInt()).isEqualTo(131000);
    }

    @Test
    void aMissingContactsArrayOrFromDoesNotDropTheMessage() throws IOException {
        List<TopicRecord> records = splitter.split(fixture("no-contacts-bsuid.json"));

        assertThat(records).hasSize(2);
        JsonNode bsuid = json(records.get(0));
        assertThat(bsuid.get("from").isNull()).isTrue();
        assertThat(bsuid.get("fromUserId").asText()).isEqualTo("US.13491208655302741918");
        assertThat(records.get(0).key()).isEqualTo("106540352242922:US.13491208655302741918");
        assertThat(bsuid.get("text").asText()).isEqualTo("hola");

        JsonNode reaction = json(records.get(1));
        assertThat(reaction.get("profileName").isNull()).isTrue();
        assertThat(reaction.get("type").asText()).isEqualTo("reaction");
        assertThat(records.get(1).key()).isEqualTo("106540352242922:16505550000");
    }

    @Test
    void otherJsonIsIgnoredAndMalformedJsonIsABadRequest() {
        assertThat(splitter.split(bytes("{\"object\":\"page\",\"entry\":[]}"))).isEmpty();
        assertThat(splitter.split(bytes("[1,2,3]"))).isEmpty();
        assertThat(splitter.split(bytes("{\"object\":\"whatsapp_business_account\",\"entry\":\"oops\"}"))).isEmpty();
        assertThat(splitter.split(bytes("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":7}]}]}"))).isEmpty();
        assertThatThrownBy(() -> splitter.split(bytes("{\"object\": \"whatsapp_business_account\", ")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_json");
                });
        assertThatThrownBy(() -> splitter.split(new byte[0])).isInstanceOf(ApiError.class);
    }

    private JsonNode json(TopicRecord record) throws IOException {
        return mapper.readTree(record.value());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookEventSplitterTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }
}
