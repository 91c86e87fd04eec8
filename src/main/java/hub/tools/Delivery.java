package hub.tools;

/**
 * What became of a message to an organisation's owner; {@code error} says why it failed, and {@code code} names a failure
 * the owner can fix (an API error code), when it is one.
 */
public record Delivery(Outcome outcome, String error, String code) {

    public enum Outcome {
        SENT,
        /** the organisation's Slack webhook is an address the hub may not call */
        NOT_ALLOWED,
        /** this hub has no mail server (spring.mail.host) */
        NO_MAIL_SERVER,
        FAILED
    }

    static final Delivery SENT = new Delivery(Outcome.SENT, null, null);
    static final Delivery NOT_ALLOWED = new Delivery(Outcome.NOT_ALLOWED, null, null);
    static final Delivery NO_MAIL_SERVER = new Delivery(Outcome.NO_MAIL_SERVER, null, null);

    static Delivery failed(String error) {
        return new Delivery(Outcome.FAILED, error, null);
    }

    static Delivery failed(String code, String error) {
        return new Delivery(Outcome.FAILED, error, code);
    }

    public boolean sent() {
        return outcome == Outcome.SENT;
    }
}
