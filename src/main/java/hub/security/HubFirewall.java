package hub.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules for header names and values written as a
 * loop over the characters instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and
 * the same with a tab allowed in values), which cost more than the rest of a webhook request: every header read
 * through the firewalled request is checked. Printable ASCII, nearly every header, takes the short path.
 */
public final class HubFirewall {

    private HubFirewall() {
    }

    public static StrictHttpFirewall create() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        return firewall;
    }

    /** True when every code point is assigned and not a control character (a tab allowed with {@code tabAllowed}). */
    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
