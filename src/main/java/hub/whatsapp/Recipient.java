package hub.whatsapp;

import java.util.regex.Pattern;

/**
 * Whom a WhatsApp message goes to: a phone number (sent as {@code "to"}, digits only) or a business-scoped
 * user id (BSUID, e.g. {@code CO.1047385771169864}, {@code US.ENT.11815799212886844830}), which Meta sends
 * instead of a phone number for customers known by a username and which is sent back exactly as it came,
 * as {@code "recipient"}.
 */
public record Recipient(String address, boolean businessScopedUserId) {

    private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{1,128}");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");

    /** Null when the address is neither a BSUID nor has any digit. */
    public static Recipient of(String address) {
        if (address == null) {
            return null;
        }
        String stripped = address.strip();
        if (isBusinessScopedUserId(stripped)) {
            return new Recipient(stripped, true);
        }
        String digits = NON_DIGITS.matcher(stripped).replaceAll("");
        return digits.isEmpty() ? null : new Recipient(digits, false);
    }

    public static boolean isBusinessScopedUserId(String address) {
        return address != null && BSUID.matcher(address).matches();
    }

    /** The Graph API field that names this recipient. */
    public String field() {
        return businessScopedUserId ? "recipient" : "to";
    }
}
