package io.handoff.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs a person into the web console with an API key (the same keys and roles as the API); the console then
 * keeps the signed-in caller in its session. The key is checked like any API call and never stored in the session.
 */
final class ConsoleLogin implements AuthenticationProvider {
    private final ApiKeys keys;

    ConsoleLogin(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object presented = authentication.getCredentials();
        ApiKeys.Caller caller = keys.find(presented == null ? "" : presented.toString())
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
        List<SimpleGrantedAuthority> authorities = caller.roles().stream().map(Role::authority).toList();
        return UsernamePasswordAuthenticationToken.authenticated(caller.name(), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
