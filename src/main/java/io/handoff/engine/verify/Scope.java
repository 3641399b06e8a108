package io.handoff.engine.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a name can mean where an expression is checked: a property of the pattern's type (constraints only) or a
 * binding declared earlier in the rule ({@code $h}, with the type it was bound to).
 */
final class Scope {
    private final Map<String, Class<?>> bindings = new LinkedHashMap<>();

    void bind(String name, Class<?> type) {
        bindings.put(name, type);
    }

    Optional<Class<?>> binding(String name) {
        return Optional.ofNullable(bindings.get(name));
    }

    String names() {
        return bindings.isEmpty() ? "none" : String.join(", ", bindings.keySet());
    }
}
