package io.handoff.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates {@code X-API-Key}: a known key becomes its caller with roles; an unknown key is refused with 401. */
final class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-API-Key";
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
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(caller.get().name(), null, authorities));
        }
        chain.doFilter(request, response);
    }
}
