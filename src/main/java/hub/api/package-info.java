/**
 * The management API's contract: one record per request and response body, JSON field names in
 * snake_case ({@code @JsonNaming}), constraints as Jakarta Bean Validation annotations. The routes
 * name these types, so {@code /api/openapi.json} describes exactly what the hub reads and writes.
 */
package hub.api;
