package hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ApiErrorTest {

    @Test
    void theFileLimitIsSaidInMebibytesWithoutLosingWhatIsBelowOneAndSmallOnesInKibibytes() {
        assertThat(ApiError.fileTooLarge(DataSize.ofMegabytes(10)).getMessage()).isEqualTo("Files are limited to 10 MiB");
        assertThat(ApiError.fileTooLarge(DataSize.ofKilobytes(512)).getMessage()).isEqualTo("Files are limited to 0.5 MiB");
        assertThat(ApiError.fileTooLarge(DataSize.ofKilobytes(10_752)).getMessage()).isEqualTo("Files are limited to 10.5 MiB");
        assertThat(ApiError.fileTooLarge(DataSize.ofKilobytes(4)).getMessage()).isEqualTo("Files are limited to 4 KiB");
        ApiError refusal = ApiError.fileTooLarge(DataSize.ofMegabytes(1));
        assertThat(refusal.status()).isEqualTo(413);
        assertThat(refusal.code()).isEqualTo("payload_too_large");
    }
}
