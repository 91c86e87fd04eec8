package hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import hub.config.HubProperties;
import hub.security.TooManyRequests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The open event streams are bounded per organisation; stopping the hub ends them all. */
class LiveEventsTest {

    private final LiveEvents events = new LiveEvents(new Binder(new MapConfigurationPropertySource(Map.of(
            "hub.events.max-streams-per-organization", "2"))).bindOrCreate("hub", HubProperties.class));

    @Test
    void anOrganisationHoldsAtMostItsStreamsOthersAreNotAffected() {
        UUID organization = UUID.randomUUID();
        events.open(organization);
        events.open(organization);

        assertThatThrownBy(() -> events.open(organization)).isInstanceOf(TooManyRequests.class)
                .hasMessageContaining("live event streams");
        events.open(UUID.randomUUID());
        assertThat(events.openStreams(organization)).isEqualTo(2);

        events.closeAll();
        assertThat(events.openStreams(organization)).isZero();
    }
}
