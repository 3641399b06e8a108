package io.handoff.security;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Callers authenticate with an API key ({@code X-API-Key}) or, when an issuer or public key is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.*}), a bearer JWT whose {@code roles} claim names roles.
 * The role of every endpoint. decider: make decisions. analyst: rulesets. auditor: read decisions, audit,
 * replay, try a contract on a version (read-only). approver: approvals. admin: everything. delegate: act for a named person (see
 * {@link Role}). Health, info, metrics for scraping, the contract schema and the API description are open.
 * Every key and token subject is one principal ({@code Authentication.getName()}): the name steps record.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(SecurityProperties properties, StoredKeys stored) {
        ApiKeys keys = new ApiKeys(properties, stored::active);
        if (keys.usesDevelopmentKeys()) {
            log.warn("Development API keys are active (X-API-Key: dev-decider-key, dev-analyst-key, dev-approver-key, "
                    + "dev-auditor-key, dev-admin-key). The prod profile refuses to start with them.");
        }
        return keys;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<HandlerMapping> handlerMappings) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            // bearer JWTs when an issuer (or public key) is configured: roles from the "roles" claim
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(SecurityConfiguration::withRoles))
                    .authenticationEntryPoint((request, response, e) -> Problems.write(response, 401, "unauthenticated",
                            "Invalid bearer token", "The bearer token was not accepted.")));
            log.info("bearer JWT authentication enabled; roles are read from the 'roles' claim");
        }
        // API callers send a key or token on every request (no session, no CSRF); the web console signs in once with
        // a key and keeps a session, so its unsafe requests need the CSRF token (pages and their scripts send it).
        http.csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(ApiKeyFilter.HEADER) != null
                        || request.getHeader("Authorization") != null || request.getSession(false) == null))
                // only a console sign-in prepares a session (form login calls the strategy itself); without this, every API
                // call authenticated by X-API-Key looked like a fresh login and got a new session with a CSRF token in it
                .sessionManagement(session -> session.requireExplicitAuthenticationStrategy(true))
                // only a console page is worth returning to after sign-in: an anonymous API call saved in a new session
                // for each request would leave one session per call
                .requestCache(cache -> cache.requestCache(consolePagesOnly()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .usernameParameter("user").passwordParameter("apiKey")
                        .defaultSuccessUrl("/console", false).failureUrl("/console/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
                .authenticationProvider(new ConsoleLogin(keys))
                .addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class)
                // a revoked key's console session ends on its next request (the session holds the principal, not the key)
                .addFilterBefore(new ConsoleSessionCheck(keys), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // streamed exports continue on an async dispatch already authorized on the request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/api/v1/schemas/**", "/error", "/console/forbidden").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions").hasAnyRole("DECIDER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions/*/replay").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/decisions/**", "/api/v1/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/console/login", "/console/assets/**", "/webjars/**").permitAll()
                        .requestMatchers("/console", "/console/", "/console/logout").authenticated()
                        .requestMatchers("/console/decisions/**", "/console/records/**", "/console/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/console/handoffs/**").hasAnyRole("DECIDER", "APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers("/console/rulesets/**").hasAnyRole("ANALYST", "AUDITOR", "ADMIN")
                        .requestMatchers("/console/approvals/**").hasAnyRole("APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers("/console/incidents/**").hasAnyRole("APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers("/console/scorecard/**").hasAnyRole("ANALYST", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/preflight").hasAnyRole("DECIDER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/preflight", "/api/v1/follow-ups").hasAnyRole("DECIDER", "ANALYST", "APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/approvals/**").hasAnyRole("APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/approvals/*").hasAnyRole("APPROVER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/handoffs/*/attempts", "/api/v1/outcomes").hasAnyRole("DECIDER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/handoffs/**").hasAnyRole("DECIDER", "APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/incidents/**").hasAnyRole("APPROVER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/acknowledge", "/api/v1/incidents/*/resolve").hasAnyRole("APPROVER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/scorecard", "/api/v1/tuning").hasAnyRole("ANALYST", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/rulesets/**").hasAnyRole("ANALYST", "AUDITOR", "ADMIN")
                        // trying a contract on a version records nothing: an auditor may check what a version decides
                        .requestMatchers(HttpMethod.POST, "/api/v1/rulesets/*/try").hasAnyRole("ANALYST", "AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/rulesets/**").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/notifications", "/api/v1/notifications/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().access(new UnmappedPaths(() -> handlerMappings.orderedStream().toList())))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            if (isConsolePage(request)) {
                                response.sendRedirect(request.getContextPath() + "/console/login");
                            } else {
                                Problems.write(response, 401, "unauthenticated", "Authentication required",
                                        "Send an API key in the X-API-Key header.");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            if (isConsolePage(request)) {
                                request.getRequestDispatcher("/console/forbidden").forward(request, response);
                            } else {
                                Problems.write(response, 403, "forbidden", "Forbidden", "Your role does not allow this request.");
                            }
                        }));
        return http.build();
    }

    private static HttpSessionRequestCache consolePagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(SecurityConfiguration::isConsolePage);
        return cache;
    }

    private static boolean isConsolePage(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/console");
    }

    private static JwtAuthenticationToken withRoles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<SimpleGrantedAuthority> authorities = roles == null ? List.of() : roles.stream()
                .map(role -> Role.of(role).authority()).toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
