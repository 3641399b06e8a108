package io.handoff.api;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.decision.DecisionLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A failed decision leaves its ids in the logging MDC so the lines reporting the failure (problem handler, 500s) carry
 * them; they end with the request, before the thread serves another.
 */
@Component
class DecisionLogScope extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            DecisionLog.done();
        }
    }
}
