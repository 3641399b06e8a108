package io.handoff.engine.verify;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.handoff.rulemodel.Callable;

/**
 * The rule model as rules may see it, read once from {@link RuleLanguage}'s types: for each type its properties
 * (public getters {@code getX()}/{@code isX()}), the methods marked {@link Callable}, and for outcome types the
 * constructors. Nothing inherited from {@code Object} is ever part of it.
 */
final class Vocabulary {
    static final Vocabulary RULE_MODEL = new Vocabulary();

    private final Map<String, Class<?>> factTypes = new LinkedHashMap<>();
    private final Map<String, Class<?>> helperTypes = new HashMap<>();
    private final Map<Class<?>, Map<String, Method>> properties = new HashMap<>();
    private final Map<Class<?>, Map<String, Method>> methods = new HashMap<>();

    private Vocabulary() {
        Stream.concat(RuleLanguage.INPUT_TYPES.stream(), RuleLanguage.OUTCOME_TYPES.stream()).forEach(type -> {
            factTypes.put(type.getSimpleName(), type);
            read(type);
        });
        RuleLanguage.HELPER_TYPES.forEach(type -> {
            helperTypes.put(type.getSimpleName(), type);
            read(type);
        });
    }

    private void read(Class<?> type) {
        Map<String, Method> props = new HashMap<>();
        Map<String, Method> calls = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || !Modifier.isPublic(method.getModifiers())) {
                continue;
            }
            boolean callable = method.isAnnotationPresent(Callable.class);
            String property = Modifier.isStatic(method.getModifiers()) ? null : propertyName(method);
            if (property != null) {
                props.put(property, method);
                calls.put(method.getName(), method);
            } else if (callable) {
                calls.put(method.getName(), method);
            }
        }
        properties.put(type, props);
        methods.put(type, calls);
    }

    private static String propertyName(Method method) {
        if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
            return null;
        }
        String name = method.getName();
        int prefix = name.startsWith("get") ? 3 : name.startsWith("is") && method.getReturnType() == boolean.class ? 2 : 0;
        if (prefix == 0 || name.length() == prefix || !Character.isUpperCase(name.charAt(prefix))) {
            return null;
        }
        return Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1);
    }

    /** A type a pattern may match ({@code Handoff(...)}, {@code Route(...)}), by its simple name. */
    Optional<Class<?>> factType(String name) {
        return Optional.ofNullable(factTypes.get(name));
    }

    Optional<Class<?>> helperType(String name) {
        return Optional.ofNullable(helperTypes.get(name));
    }

    boolean isOutcome(Class<?> type) {
        return RuleLanguage.OUTCOME_TYPES.contains(type);
    }

    /** The type of a property of a rule-model type, if it has one by that name. */
    Optional<Class<?>> property(Class<?> type, String name) {
        Set<String> resultMethods = RuleLanguage.RESULT_METHODS.get(type);
        if (resultMethods != null) { // Number( intValue >= 3 ) from accumulate(...)
            return resultMethods.contains(name) ? Optional.of(Number.class) : Optional.empty();
        }
        Method getter = properties.getOrDefault(type, Map.of()).get(name);
        return Optional.ofNullable(getter).map(Method::getReturnType);
    }

    /** The return type of an allowed call on a value of {@code type}: a getter, a callable, or an accumulate result's. */
    Optional<Class<?>> method(Class<?> type, String name, int arity) {
        Set<String> resultMethods = RuleLanguage.RESULT_METHODS.get(type);
        if (resultMethods != null) {
            return resultMethods.contains(name) && arity == 0 ? Optional.of(Number.class) : Optional.empty();
        }
        Method method = methods.getOrDefault(type, Map.of()).get(name);
        if (method == null || method.getParameterCount() != arity || Modifier.isStatic(method.getModifiers())) {
            return Optional.empty();
        }
        return Optional.of(method.getReturnType());
    }

    /** The return type of an allowed static helper call such as {@code Postures.worst(...)}. */
    Optional<Class<?>> staticMethod(Class<?> type, String name, int arity) {
        Method method = methods.getOrDefault(type, Map.of()).get(name);
        if (method == null || method.getParameterCount() != arity || !Modifier.isStatic(method.getModifiers())) {
            return Optional.empty();
        }
        return Optional.of(method.getReturnType());
    }

    /** Whether an outcome type has a public constructor taking {@code arity} arguments. */
    boolean hasConstructor(Class<?> type, int arity) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == arity) {
                return true;
            }
        }
        return false;
    }

    /** The parameter types of an outcome's constructors with {@code arity} arguments (for table cell hints). */
    List<Class<?>[]> constructorParameters(Class<?> type, int arity) {
        return Stream.of(type.getConstructors()).filter(c -> c.getParameterCount() == arity)
                .map(Constructor::getParameterTypes).toList();
    }
}
