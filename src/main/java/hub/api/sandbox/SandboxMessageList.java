package hub.api.sandbox;

import java.util.List;

/** Replies recorded in sandbox mode, newest first. */
public record SandboxMessageList(List<SandboxMessage> items) {
}
