package hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class HubFirewallTest {

    /** Spring Security's own rules, which the firewall's loops must give the same answers as. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void judgesEveryCharacterAsSpringSecuritysRulesDo() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HubFirewall.assignedAndNotControl(text, false)).as("name U+%04X", codePoint)
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(HubFirewall.assignedAndNotControl(text, true)).as("value U+%04X", codePoint)
                    .isEqualTo(VALUES.matcher(text).matches());
        }
        for (String text : new String[] {"", "\uD800", "x\uDC00", "\uD83D\uDE00\uD800", "sha256=ab\u0000", "v\u007f"}) {
            assertThat(HubFirewall.assignedAndNotControl(text, true)).as(text).isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void refusesAHeaderWithAControlCharacterWhenItIsRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook");
        request.addHeader("X-Hub-Signature-256", "sha256=\u0007");
        request.addHeader("X-Note", "tab\tallowed");
        var firewalled = HubFirewall.create().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("X-Note")).isEqualTo("tab\tallowed");
        assertThatThrownBy(() -> firewalled.getHeader("X-Hub-Signature-256")).isInstanceOf(RequestRejectedException.class);
    }
}
