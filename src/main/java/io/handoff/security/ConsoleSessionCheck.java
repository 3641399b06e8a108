package io.handoff.security;

import java.io.IOException;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a console session whose key was revoked, on its next request. A console sign-in keeps only the key's
 * principal in the session, never the key, so every request the session authenticates asks whether that
 * principal still has an active key; when not, the session is invalidated and the request goes on
 * unauthenticated: a page is sent to sign in, an API call (the console's buttons) gets 401.
 */
final class ConsoleSessionCheck extends OncePerRequestFilter {
    private final ApiKeys keys;

    ConsoleSessionCheck(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && fromSession(request, who) && !keys.active(who.getName())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    /** Authenticated by the console sign-in kept in the session, not by a key or token on this request. */
    private static boolean fromSession(HttpServletRequest request, Authentication who) {
        return who instanceof UsernamePasswordAuthenticationToken && who.isAuthenticated()
                && request.getHeader(ApiKeyFilter.HEADER) == null && request.getHeader("Authorization") == null;
    }
}
