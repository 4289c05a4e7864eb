package dev.zaiko.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * The API document integrators read ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html};
 * docs/api.md): what Zaiko is, one tag per module, and for every operation the problem responses
 * it can give, in the RFC 9457 shape {@link ProblemDetailsAdvice} and {@link ProblemResponses}
 * write. Which token scope an operation needs is the access module's part of the document (the
 * same rule the access check applies); the examples are {@link ApiExamples}'.
 * <p>
 * The general responses follow from the handler: every operation may answer 401 (no valid token),
 * 403 (too little scope), 503 (the database is away, {@link DatabaseOutageFilter}); one with a
 * body, parameters or a path variable 400; one with a path variable 404 (nothing under that id);
 * one with a body 413 ({@link RequestSizeLimit}). An operation that can conflict with the state of
 * things declares its 409 itself with {@code @ApiResponse(responseCode = "409", description = …)};
 * every 4xx and 5xx response gets the problem schema.
 */
@Configuration
class ApiDocumentation {

    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String ROOT = "dev.zaiko.";

    ApiDocumentation() {
        // JsonNode bodies (read loosely so the module can refuse wrong JSON types itself) are any JSON,
        // not Jackson's node class introspected as a bean
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>());
    }

    @Bean
    OpenAPI zaikoApi() {
        String version = ApiDocumentation.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Zaiko API")
                        .version(version == null ? "development" : version)
                        .description("""
                                Zaiko is an order, inventory and stockout-recovery system for shops that sell one \
                                stock through their own web shop, a store's till and marketplaces. This API is what \
                                integrators call: every channel reserves through it, stockout cases are worked \
                                through it, and the console uses the same rules.

                                Every call needs an API token: `Authorization: Bearer <token>`. A token has one \
                                scope, each including the ones before it: READ looks, WRITE changes, SUPERVISOR \
                                also sets calling hours, closed days, tone phrases and handles escalated cases, \
                                ADMIN also manages users, tokens, webhooks and the audit trail. Each operation \
                                names the scope it needs. An admin creates tokens in the console or with \
                                `POST /api/access/tokens` (docs/api.md).

                                Errors are RFC 9457 problem details (`application/problem+json`) with a `type` \
                                under https://zaiko.dev/problems/ and a `detail` a person can act on; a refused \
                                request changed nothing. Amounts are whole yen (JPY); times are ISO-8601 instants \
                                in UTC, business dates are the shop's dates in Japan.""")
                        .contact(new Contact().name("Zaiko").url("https://zaiko.dev")))
                .servers(List.of(new Server().url("/").description("This Zaiko instance")))
                .components(new Components().addSchemas(PROBLEM, problemSchema()));
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, e.g. lines[0].quantity").example("lines[0].quantity"))
                .addProperty("message", new StringSchema().description("What is wrong with it").example("must be greater than 0"));
        return new ObjectSchema()
                .description("RFC 9457 problem details. A module may add properties that help act on it "
                        + "(e.g. `errors` with the fields of an invalid request, `field`, `maxBytes`).")
                .addProperty("type", new StringSchema().format("uri")
                        .description("What went wrong, a URI under https://zaiko.dev/problems/")
                        .example("https://zaiko.dev/problems/invalid-request"))
                .addProperty("title", new StringSchema().description("The type in a few words").example("Invalid request"))
                .addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
                .addProperty("detail", new StringSchema().description("What happened and what to do, for a person")
                        .example("lines[0].quantity must be greater than 0"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request's path").example("/api/orders"))
                .addProperty("errors", new ArraySchema().items(error)
                        .description("For an invalid body: each field and what is wrong with it"))
                .required(List.of("type", "title", "status"))
                .additionalProperties(true);
    }

    /**
     * One tag per module that has operations, named by the module's package (as every operation's
     * tag, {@link #moduleOf}) and described by the module's own {@link ApiTag}; sorted by name. A
     * new module needs no edit here.
     */
    @Bean
    OpenApiCustomizer moduleTags() {
        return api -> {
            Set<String> modules = new TreeSet<>();
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
                    if (op.getTags() != null) modules.addAll(op.getTags());
                }));
            }
            List<Tag> tags = new ArrayList<>();
            for (String module : modules) tags.add(new Tag().name(module).description(description(module)));
            api.setTags(tags);
        };
    }

    /** The module's {@link ApiTag} on its package-info, or null when it has none. */
    static String description(String module) {
        try {
            ApiTag tag = Class.forName(ROOT + module + ".package-info").getAnnotation(ApiTag.class);
            return tag == null ? null : tag.value();
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The module's tag and the problem responses, for every operation. */
    @Bean
    OperationCustomizer moduleTagAndProblems() {
        return (operation, handler) -> {
            String module = moduleOf(handler.getBeanType());
            if (module != null) operation.setTags(List.of(module));
            boolean body = false, inputs = false, pathId = false;
            for (MethodParameter p : handler.getMethodParameters()) {
                if (p.hasParameterAnnotation(RequestBody.class) || p.hasParameterAnnotation(RequestPart.class)) body = true;
                if (p.hasParameterAnnotation(RequestParam.class) || p.hasParameterAnnotation(RequestHeader.class)) inputs = true;
                if (p.hasParameterAnnotation(PathVariable.class)) pathId = true;
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            if (body || inputs || pathId) {
                general(responses, "400", "The request is invalid (a field, parameter or path variable); the problem "
                        + "names it and nothing was changed.");
            }
            general(responses, "401", "No valid API token: send `Authorization: Bearer <token>`.");
            general(responses, "403", "The token's scope is too narrow for this operation (the problem names the "
                    + "scope it needs).");
            if (pathId) general(responses, "404", "Nothing exists under the id in the path.");
            if (body) general(responses, "413", "The request body is larger than Zaiko takes; nothing was read.");
            general(responses, "503", "The database is unavailable or busy; nothing was changed. Try again after "
                    + "the time in Retry-After.");
            responses.forEach((code, response) -> {
                // a declared @ApiResponse gets the operation's return type from springdoc: an error is a problem
                if (code.startsWith("4") || code.startsWith("5")) {
                    response.setContent(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                }
            });
            operation.setResponses(responses);
            return operation;
        };
    }

    private static void general(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) responses.addApiResponse(code, new ApiResponse().description(description));
    }

    /** The module a controller belongs to: the first package below {@code dev.zaiko}. */
    static String moduleOf(Class<?> controller) {
        String name = controller.getPackageName();
        if (!name.startsWith(ROOT)) return null;
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
