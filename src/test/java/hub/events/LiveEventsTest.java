package hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import hub.config.HubProperties;
import hub.security.TooManyRequests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The open event streams are bounded per organisation; stopping the hub ends them all. */
class LiveEventsTest {

    private final Set<UUID> watched = new HashSet<>();
    private final LiveEvents events = new LiveEvents(new Binder(new MapConfigurationPropertySource(Map.of(
            "hub.events.max-streams-per-organization", "2"))).bindOrCreate("hub", HubProperties.class),
            new WatchedOrganizations(null) {
                @Override
                public void watch(Collection<UUID> organizationIds, Duration period) {
                    watched.addAll(organizationIds);
                }
            });

    @Test
    void anOrganisationHoldsAtMostItsStreamsOthersAreNotAffected() {
        UUID organization = UUID.randomUUID();
        events.open(organization);
        events.open(organization);

        assertThatThrownBy(() -> events.open(organization)).isInstanceOf(TooManyRequests.class)
                .hasMessageContaining("live event streams");
        UUID other = UUID.randomUUID();
        events.open(other);
        assertThat(events.openStreams(organization)).isEqualTo(2);
        assertThat(watched).as("their writes are notified from now on").containsExactlyInAnyOrder(organization, other);

        events.closeAll();
        assertThat(events.openStreams(organization)).isZero();
    }
}
