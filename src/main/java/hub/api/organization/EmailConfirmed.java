package hub.api.organization;

/** The address is confirmed: the organisation's notices may be e-mailed to it. */
public record EmailConfirmed(String organization, String email) {
}
