package dev.zaiko.access;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Which door needs which key.
 * <ul>
 * <li>{@code /api/**} and {@code /actuator/**}: an API token ({@code Authorization: Bearer …}),
 * no session, no cookies (so no CSRF). Only {@code /actuator/health} is open. Refusals are problem
 * details: 401 without a valid token, 403 with too little scope. {@code /public/**} goes the same
 * way: doors for callers outside the shop (a storefront's visitor, a mail client), stateless and
 * without CSRF; each one is an {@code @OpenToAnyone} handler, and any other path there needs a token.</li>
 * <li>Everything else is the console: a signed-in user (form login, session), CSRF on every form.
 * An anonymous visitor is sent to the login page. Open: the login page, a customer's signed link
 * ({@code /c/**}, {@code /o/**}, {@code /w/**}: the link is the key), static files, the API docs and the error page.</li>
 * </ul>
 * What a request needs is decided on the handler it reaches, never on how its path is spelled
 * ({@link HandlerRule}): a handler's {@code @Requires}, else look to read and change for the rest;
 * a handler marked {@code @OpenToAnyone} (a platform's notice to a signed URL) needs no key at all.
 * A token's scope and a user's role grant the same authorities ({@link Scope}, {@link Role}), so
 * the console and the API follow one rule. Paths spelled in more than one way are refused with
 * 400 ({@link CanonicalPaths}).
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration implements WebMvcConfigurer {

    static final String LOGIN = "/login";

    private final AuditTrail audit;
    private final ProblemResponses problems;

    SecurityConfiguration(AuditTrail audit, ProblemResponses problems) {
        this.audit = audit;
        this.problems = problems;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, HandlerRule needed) throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(new TokenProvider(tokens)),
                SecurityConfiguration::presentedToken);
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Unauthorized", "The API token is unknown, revoked or expired."));
        http.securityMatcher("/api/**", "/actuator/**", "/public/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().access(needed))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"zaiko\"");
                            problem(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                    "This API needs a token: send 'Authorization: Bearer <token>'. An admin creates "
                                            + "tokens in the console or with POST /api/access/tokens.");
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            Scope least = Scope.least(needed.of(request)); // remembered from the decision
                            problem(response, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                                    "This token's scope does not allow " + request.getMethod() + " "
                                            + request.getServletPath() + "; it needs scope " + least + ".");
                        }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ConsoleUsers users, LocaleResolver locales, HandlerRule needed,
                                ThrottlingSignIns signIns) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler toPage = new SavedRequestAwareAuthenticationSuccessHandler();
        toPage.setDefaultTargetUrl("/");
        SimpleUrlAuthenticationFailureHandler backToForm = new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(LOGIN, "/c/**", "/o/**", "/w/**", "/error", "/favicon.ico", "/webjars/**", "/css/**", "/js/**",
                                "/images/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().access(needed))
                .csrf(c -> c.csrfTokenRepository(new CookieCsrfTokenRepository()))
                .formLogin(f -> f.loginPage(LOGIN)
                        .successHandler((request, response, authentication) -> {
                            audit.record(Actor.of(authentication), "sign-in", "POST " + LOGIN, "", 302);
                            // the console speaks the user's language from the first page on
                            users.find(authentication.getName()).ifPresent(u ->
                                    locales.setLocale(request, response, Locale.forLanguageTag(u.locale())));
                            toPage.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, e) -> {
                            String name = Optional.ofNullable(request.getParameter("username")).orElse("")
                                    .trim().toLowerCase(Locale.ROOT);
                            audit.record(new Actor(Actor.Kind.ANONYMOUS, name.length() > 40 ? name.substring(0, 40) : name),
                                    "sign-in-failed", "POST " + LOGIN, "", 302);
                            backToForm.onAuthenticationFailure(request, response, e);
                        }))
                .logout(l -> l.logoutSuccessUrl(LOGIN + "?logout"))
                // sign-in held off after repeated failures (ThrottlingSignIns); browser guards (SecurityHeaders)
                .authenticationManager(signIns.manager())
                .headers(SecurityHeaders::console);
        return http.build();
    }

    /** Paths have one spelling; any other is refused with 400 before anything looks at it. */
    @Bean
    HttpFirewall canonicalPaths() {
        return new CanonicalPaths();
    }

    @Bean
    RequestRejectedHandler refusedSpelling() {
        return (request, response, e) -> problem(response, HttpStatus.BAD_REQUEST, "ambiguous-path", "Ambiguous path",
                "The request was refused because " + e.getMessage() + ". Send the path in its plain spelling, "
                        + "without encoded letters or digits, '//', '/./', ';' parameters or a trailing slash.");
    }

    /**
     * The one access decision, for the API and the console alike: the caller holds the authority
     * that the handler the request reaches needs ({@link NeededAuthority}).
     */
    @Bean
    HandlerRule handlerRule(NeededAuthority needed) {
        return new HandlerRule(needed);
    }

    record HandlerRule(NeededAuthority needed) implements AuthorizationManager<RequestAuthorizationContext> {
        @Override
        public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
                                               RequestAuthorizationContext context) {
            NeededAuthority.Need need = need(context.getRequest());
            return new AuthorizationDecision(need.open() || need.authority().heldBy(authentication.get()));
        }

        private static final String DECIDED = HandlerRule.class.getName() + ".needed";

        /** The authority the request needs (the refusal's text names its scope). */
        Authority of(HttpServletRequest request) {
            return need(request).authority();
        }

        /**
         * What the request needs, looked up once per dispatch (the refusal's text asks again); a
         * forward or error dispatch to another path is looked up anew.
         */
        private NeededAuthority.Need need(HttpServletRequest request) {
            String dispatch = request.getDispatcherType() + " " + request.getMethod() + " " + request.getRequestURI();
            if (request.getAttribute(DECIDED) instanceof Decided known && known.dispatch().equals(dispatch)) {
                return known.need();
            }
            NeededAuthority.Need need = needed.need(request);
            request.setAttribute(DECIDED, new Decided(dispatch, need));
            return need;
        }

        private record Decided(String dispatch, NeededAuthority.Need need) {
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditingChanges(audit));
    }

    private static Authentication presentedToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String token = header.substring(7).trim();
        if (token.isEmpty()) throw new BadCredentialsException("empty token");
        return UsernamePasswordAuthenticationToken.unauthenticated("token", token);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        problems.write(response, ProblemResponses.problem(status, type, title, detail));
    }

    /** Turns a presented token into the token's holder, or refuses it. */
    private record TokenProvider(ApiTokens tokens) implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication presented) throws AuthenticationException {
            return tokens.check(String.valueOf(presented.getCredentials()))
                    .map(holder -> (Authentication) new TokenAuthentication(holder))
                    .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired token"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

}
