package hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulCharactersAreDroppedFromTextAndFromJsonStringsAndNames() {
        assertThat(StorableText.of("3\u0000 pares")).isEqualTo("3 pares");
        assertThat(StorableText.json("{\"st\\u0000ock\":[\"3\\u0000\",{\"n\":\"\\u0000\"}],\"ok\":true,\"n\":1.5}"))
                .isEqualTo("{\"stock\":[\"3\",{\"n\":\"\"}],\"ok\":true,\"n\":1.5}");
        // a written-out backslash followed by u0000 is text, not a NUL
        assertThat(StorableText.json("{\"path\":\"C:\\\\u0000\"}")).isEqualTo("{\"path\":\"C:\\\\u0000\"}");
        assertThat(StorableText.json("not json \\u0000 but \u0000text")).isEqualTo("not json \\u0000 but text");
    }

    @Test
    void textWithoutNulIsReturnedAsItIs() {
        String result = "{ \"stock\" : 3 }";
        assertThat(StorableText.json(result)).isSameAs(result);
        assertThat(StorableText.of(result)).isSameAs(result);
    }

    @Test
    void storableTextHasNoNulAndNoHalfOfASurrogatePair() {
        assertThat(StorableText.storable("Tienda \uD83D\uDE00")).isTrue();
        assertThat(StorableText.storable("a\u0000")).isFalse();
        assertThat(StorableText.storable("\uD83D")).isFalse();
        assertThat(StorableText.storable("\uDE00\uD83D")).isFalse();
        assertThat(StorableText.storable("\uD83Dx")).isFalse();
    }
}
