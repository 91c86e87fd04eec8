package hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiBodyGuardTest {

    @Test
    void jsonIsJsonWhateverItsSpelling() {
        for (String json : List.of("application/json", "application/json; charset=UTF-8", "Application/JSON",
                "application/merge-patch+json")) {
            assertThat(ApiBodyGuard.isJson(json)).as(json).isTrue();
        }
    }

    @Test
    void typesThatOnlyLookLikeJsonAreNot() {
        // the first three are what a form on another site may post without asking first
        for (String other : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain; charset=utf-8", "text/json", "application/jsonp", "*/*", "json", "")) {
            assertThat(ApiBodyGuard.isJson(other)).as(other).isFalse();
        }
        assertThat(ApiBodyGuard.isJson(null)).isFalse();
    }

    @Test
    void anUploadIsMultipartFormDataWhateverItsSpelling() {
        for (String form : List.of("multipart/form-data; boundary=x", "Multipart/Form-Data;boundary=\"a b\"")) {
            assertThat(ApiBodyGuard.isMultipartForm(form)).as(form).isTrue();
        }
        for (String other : List.of("multipart/mixed; boundary=x", "multipart/form-datax", "application/json", "", "multipart")) {
            assertThat(ApiBodyGuard.isMultipartForm(other)).as(other).isFalse();
        }
        assertThat(ApiBodyGuard.isMultipartForm(null)).isFalse();
    }
}
