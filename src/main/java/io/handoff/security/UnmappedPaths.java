package io.handoff.security;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The rule for every path no explicit matcher names: an operation only an admin may call, unless no handler serves
 * the path at all. Then any signed-in caller gets through to the 404 that says so: a caller with a typo in the path
 * was told to get another role. Anonymous callers still get 401, whatever the path, so nothing about which paths
 * exist is shown to them. Static resources count as unmapped (they are public console assets); a handler mapping
 * that fails to answer counts as mapped, so a doubt keeps the admin rule.
 */
final class UnmappedPaths implements AuthorizationManager<RequestAuthorizationContext> {
    private final Supplier<List<HandlerMapping>> mappings;
    private final AuthorizationManager<RequestAuthorizationContext> admin = AuthorityAuthorizationManager.hasRole("ADMIN");
    private final AuthorizationManager<RequestAuthorizationContext> signedIn = AuthenticatedAuthorizationManager.authenticated();

    UnmappedPaths(Supplier<List<HandlerMapping>> mappings) {
        this.mappings = mappings;
    }

    /**
     * An admin passes either way, so only a refused caller pays the handler lookup (it walks every handler mapping: a
     * quarter of the CPU of a cheap admin-only request when every call paid it).
     */
    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationResult asAdmin = admin.authorize(authentication, context);
        if (asAdmin != null && asAdmin.isGranted()) {
            return asAdmin;
        }
        return served(context.getRequest()) ? asAdmin : signedIn.authorize(authentication, context);
    }

    private boolean served(HttpServletRequest request) {
        for (HandlerMapping mapping : mappings.get()) {
            try {
                HandlerExecutionChain chain = mapping.getHandler(request);
                if (chain != null && !(chain.getHandler() instanceof ResourceHttpRequestHandler)) {
                    return true;
                }
            } catch (Exception e) {
                return true;
            }
        }
        return false;
    }
}
