package dev.zaiko.access;

import java.util.List;

import dev.zaiko.platform.Authority;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API document's part of the access rule: the bearer scheme, and for every operation the
 * token scope it needs, decided by the same code the access check runs for a request
 * ({@link NeededAuthority#of(org.springframework.web.method.HandlerMethod, String)}, then
 * {@link Scope#least}, the scope a 403 names). Each operation gets the scope in its security
 * requirement and a sentence in its description.
 */
@Component
class DocumentedScopes implements OpenApiCustomizer {

    static final String SCHEME = "bearerAuth";

    private final RequestMappingHandlerMapping mappings;

    DocumentedScopes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API token (`zk_…`), created by an admin in the console or with POST /api/access/tokens. "
                        + "Its scope (READ, WRITE, SUPERVISOR, ADMIN; each includes the ones before it) decides "
                        + "which operations it may call."));
        if (api.getPaths() == null) return;
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : patterns(info)) {
                PathItem item = api.getPaths().get(pattern);
                if (item == null) continue; // not in the document (the console, the document itself)
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
                    if (operation != null) document(operation, NeededAuthority.of(handler, method.name()));
                }
            }
        });
    }

    /** The paths as the document writes them: a variable's regular expression left out. */
    private static List<String> patterns(RequestMappingInfo info) {
        return info.getPatternValues().stream().map(p -> p.replaceAll("\\{([^}:]+):[^}]*}", "{$1}")).toList();
    }

    static void document(Operation operation, Authority needed) {
        Scope scope = Scope.least(needed);
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME, scope.name())));
        String line = "Needs a token with scope " + scope + (scope == Scope.ADMIN ? "." : " or higher.");
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? line : description.strip() + "\n\n" + line);
    }
}
