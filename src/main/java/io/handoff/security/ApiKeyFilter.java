package io.handoff.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates {@code X-API-Key}: a known key becomes its caller with roles; an unknown key is refused with 401.
 * The caller is kept for this request only (a request attribute): an API call opens no HTTP session. Left only in the
 * holder, the session management filter took it for a fresh login and its CSRF strategy stored a new token in a new
 * session, so every decision request got a {@code JSESSIONID} and the server kept a session per call for 30 minutes.
 */
final class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-API-Key";
    private static final RequestAttributeSecurityContextRepository THIS_REQUEST = new RequestAttributeSecurityContextRepository();
    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null) {
            var caller = keys.find(presented);
            if (caller.isEmpty()) {
                Problems.write(response, 401, "unauthenticated", "Unknown API key", "The X-API-Key presented is not configured, or was revoked.");
                return;
            }
            List<SimpleGrantedAuthority> authorities = caller.get().roles().stream().map(Role::authority).toList();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get().name(), null, authorities));
            SecurityContextHolder.setContext(context);
            THIS_REQUEST.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}
