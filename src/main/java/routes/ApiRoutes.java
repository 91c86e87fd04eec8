package routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hub.api.OptionalBody;
import hub.console.ConsoleWebConfig;
import hub.web.ErrorBody;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * A group of management API routes. Its REST operations are described once in the route DSL (request and
 * response types, the refusals particular to them); what every operation shares is added here, so
 * {@code /api/openapi.json} cannot forget it: the scheme it needs (operator token under
 * {@code /api/admin}, an organisation's API key or a person's console session elsewhere), query parameters optional, and the refusals
 * any operation can answer, each with the {@link ErrorBody} schema.
 */
public abstract class ApiRoutes extends RouteBuilder {

    public static final String API_KEY = "api_key";
    public static final String OPERATOR_TOKEN = "operator_token";
    public static final String CONSOLE_SESSION = "console_session";

    private static final Map<String, String> REFUSALS = Map.of(
            "400", "Invalid request: the error code says what (invalid_json, unknown_field, missing_field, invalid_field, "
                    + "invalid_parameter, invalid_body, bad_request)",
            "401", "No valid credentials (unauthorized)",
            "403", "The credentials may not use this operation (forbidden)",
            "404", "No such resource in the caller's organisation (not_found)",
            "413", "The body is over the size limit (payload_too_large)",
            "415", "The body is not of the type this operation takes (unsupported_media_type)",
            "429", "Over a rate limit (too_many_requests); Retry-After says when to try again",
            "503", "The request could not be completed; retry later (temporarily_unavailable)");

    @Override
    public final void configure() throws Exception {
        routes();
        for (RouteDefinition route : getRouteCollection().getRoutes()) {
            if (route.getRouteConfigurationId() == null) {
                throw new IllegalStateException("API route " + route.getRouteId()
                        + " has no caller scope: start it with tenantRoute or operatorRoute");
            }
        }
        // the area names the operations' group: a generated client gets one class per area (ChatbotApi, KnowledgeApi ...)
        String area = getClass().getSimpleName().replaceAll("(Api|Admin)?Routes$", "").toLowerCase(java.util.Locale.ROOT);
        for (RestDefinition rest : getRestCollection().getRests()) {
            if (rest.getTag() == null) {
                rest.setTag(area);
            }
            describe(rest);
        }
    }

    /** The REST operations and the routes behind them. */
    protected abstract void routes() throws Exception;

    /** A route of the tenant API: runs for the caller's organisation, fails in the JSON error shape. */
    protected RouteDefinition tenantRoute(String uri) {
        return from(uri).routeConfigurationId(ApiRouteConfiguration.TENANT);
    }

    /** A route of the operator API. */
    protected RouteDefinition operatorRoute(String uri) {
        return from(uri).routeConfigurationId(ApiRouteConfiguration.OPERATOR);
    }

    /**
     * A tenant route whose only step, {@code stepId}, makes the body of its JSON answer; returns its endpoint, for the
     * REST operation to go {@code to}.
     */
    protected String tenantJson(String routeId, Processor step, String stepId) {
        tenantRoute("direct:" + routeId).routeId(routeId).process(step).id(stepId).process("jsonResponse");
        return "direct:" + routeId;
    }

    /** The same with the step a processor bean. */
    protected String tenantJson(String routeId, String stepBean, String stepId) {
        tenantRoute("direct:" + routeId).routeId(routeId).process(stepBean).id(stepId).process("jsonResponse");
        return "direct:" + routeId;
    }

    /** An operator route whose only step, {@code stepId}, makes the body of its JSON answer; returns its endpoint. */
    protected String operatorJson(String routeId, Processor step, String stepId) {
        operatorRoute("direct:" + routeId).routeId(routeId).process(step).id(stepId).process("jsonResponse");
        return "direct:" + routeId;
    }

    /** The query parameters of a page: {@code limit} (1 to {@code maxLimit}, default 50) and {@code offset}. */
    protected static List<ParamDefinition> page(int maxLimit) {
        return List.of(limit(maxLimit), queryParam("offset", "integer", "0 or more, default 0"));
    }

    /** The filters of an alert list, newest first: {@code acknowledged}, {@code before} (an id) and {@code limit}. */
    protected static List<ParamDefinition> alertFilters() {
        return List.of(queryParam("acknowledged", "boolean", "true or false; left out, both"),
                queryParam("before", "integer", "alerts older than this id (next_before of the previous page)"), limit(500));
    }

    /** The page size of a list: {@code limit}, 1 to {@code maxLimit}, default 50. */
    protected static ParamDefinition limit(int maxLimit) {
        return queryParam("limit", "integer", "1-" + maxLimit + ", default 50");
    }

    /** A refusal particular to an operation: its status, what it means (with its error code), the {@link ErrorBody} schema. */
    protected static ResponseMessageDefinition refusal(int code, String message) {
        return response(code, message, ErrorBody.class);
    }

    /** An answer of an operation other than its 200, with its schema. */
    protected static ResponseMessageDefinition response(int code, String message, Class<?> model) {
        ResponseMessageDefinition response = new ResponseMessageDefinition();
        response.setCode(String.valueOf(code));
        response.setMessage(message);
        response.setResponseModel(model.getName());
        return response;
    }

    private static ParamDefinition queryParam(String name, String dataType, String description) {
        ParamDefinition param = new ParamDefinition();
        param.setName(name);
        param.setType(RestParamType.query);
        param.setDataType(dataType);
        param.setDescription(description);
        return param;
    }

    private static void describe(RestDefinition rest) {
        rest.securityDefinitions()
                .bearerToken(API_KEY, "An organisation's API key: Authorization: Bearer <key>", "opaque")
                .bearerToken(OPERATOR_TOKEN, "The platform operator's token (hub.admin.token): Authorization: Bearer <token>", "opaque")
                .apiKey(CONSOLE_SESSION, "A person's console session (POST /console/sign-in): cookie " + ConsoleWebConfig.SESSION_COOKIE
                        + "; POST, PUT, PATCH and DELETE also need the session's CSRF token as header X-CSRF-TOKEN")
                    .withCookie(ConsoleWebConfig.SESSION_COOKIE).end();
        for (VerbDefinition verb : rest.getVerbs()) {
            String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
            if (verb.getSecurity() == null || verb.getSecurity().isEmpty()) {
                List<SecurityDefinition> alternatives = new ArrayList<>();
                for (String scheme : path.startsWith("/api/admin") ? List.of(OPERATOR_TOKEN) : List.of(API_KEY, CONSOLE_SESSION)) {
                    SecurityDefinition security = new SecurityDefinition();
                    security.setKey(scheme);
                    alternatives.add(security);
                }
                verb.setSecurity(alternatives);
            }
            for (ParamDefinition param : verb.getParams()) {
                // Camel reads an unset "required" as true; the API's query parameters filter and page, none is required
                if (param.getType() == RestParamType.query) {
                    param.setRequired(false);
                }
            }
            Class<?> bodyType = bodyType(verb);
            boolean hasBody = bodyType != null;
            if (hasBody && bodyType.isAnnotationPresent(OptionalBody.class)) {
                ParamDefinition body = new ParamDefinition();
                body.setName("body");
                body.setType(RestParamType.body);
                body.setRequired(false);
                body.setDescription("Optional: no body is the same as {}");
                verb.getParams().add(body);
            }
            List<ResponseMessageDefinition> responses = verb.getResponseMsgs() == null ? new ArrayList<>() : verb.getResponseMsgs();
            REFUSALS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(refusal -> {
                boolean applies = switch (refusal.getKey()) {
                    case "404" -> path.contains("{");
                    case "413", "415" -> hasBody;
                    default -> true;
                };
                if (applies && responses.stream().noneMatch(r -> refusal.getKey().equals(r.getCode()))) {
                    ResponseMessageDefinition response = new ResponseMessageDefinition(verb);
                    response.setCode(refusal.getKey());
                    response.setMessage(refusal.getValue());
                    response.setResponseModel(ErrorBody.class.getName());
                    responses.add(response);
                }
            });
            verb.setResponseMsgs(responses);
        }
    }

    private static Class<?> bodyType(VerbDefinition verb) {
        if (verb.getTypeClass() != null || verb.getType() == null) {
            return verb.getTypeClass();
        }
        try {
            return Class.forName(verb.getType());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("REST operation " + verb.getId() + " names an unknown body type " + verb.getType(), e);
        }
    }
}
