package hub.api;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Database rows (column name → value) as the API's response records. A column the record does not
 * declare is an error, so a repository and the contract cannot drift apart unnoticed.
 */
public final class Rows {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule()).addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private Rows() {
    }

    public static <T> T as(Map<String, Object> row, Class<T> type) {
        Map<String, Object> values = new LinkedHashMap<>(row);
        values.replaceAll((column, value) -> value instanceof Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : value);
        return MAPPER.convertValue(values, type);
    }

    public static <T> List<T> as(List<Map<String, Object>> rows, Class<T> type) {
        return rows.stream().map(row -> as(row, type)).toList();
    }
}
