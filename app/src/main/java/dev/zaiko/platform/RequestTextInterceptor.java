package dev.zaiko.platform;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies {@link InputText} to every path variable and every request parameter (query string and
 * form posts of the console and the customers' pages) before the handler runs, naming the
 * parameter in a 400 {@code invalid-text} problem. A parameter may hold TAB/LF/CR only when the
 * handler's {@code @RequestParam} for it is {@link MultiLineText} (a text area).
 */
final class RequestTextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) return true;
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                InputText.check(String.valueOf(e.getKey()), String.valueOf(e.getValue()), false);
            }
        }
        Map<String, MultiLineText> multiLine = multiLineParameters(method);
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            MultiLineText multi = multiLine.get(e.getKey());
            InputText.check("parameter name", e.getKey(), false);
            for (String value : e.getValue()) {
                InputText.check(e.getKey(), value, multi != null, multi == null ? 0 : multi.maxLength());
            }
        }
        return true;
    }

    private static Map<String, MultiLineText> multiLineParameters(HandlerMethod method) {
        Map<String, MultiLineText> names = new HashMap<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (!parameter.hasParameterAnnotation(MultiLineText.class)) continue;
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            String name = param != null && !param.name().isEmpty() ? param.name() : null;
            if (name == null) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                name = parameter.getParameterName();
            }
            if (name != null) names.put(name, parameter.getParameterAnnotation(MultiLineText.class));
        }
        return names;
    }
}
