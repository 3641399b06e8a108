package io.handoff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.engine.Ruleset;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.ruleset.RulesetProperties;

/**
 * Starts compiling the configured ruleset before the application context is refreshed, on a thread of its own, so the
 * Drools build (the largest part of startup) runs beside the context, Flyway and the rest; the active ruleset bean
 * takes the result ({@link #take}). Registered in META-INF/spring.factories. A compile error is thrown where it
 * always was, by the bean, and stops startup with every error listed.
 */
final class RulesetPrecompile implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    static final String BEAN = "rulesetPrecompile";

    private final RulesetProperties properties;
    private final CompletableFuture<Ruleset> compiled;

    /** For spring.factories. */
    RulesetPrecompile() {
        this(null);
    }

    private RulesetPrecompile(RulesetProperties properties) {
        this.properties = properties;
        this.compiled = properties == null ? null : new CompletableFuture<>();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        RulesetProperties bound = Binder.get(context.getEnvironment()).bindOrCreate("handoff.ruleset", RulesetProperties.class);
        RulesetPrecompile started = new RulesetPrecompile(bound);
        Thread thread = new Thread(() -> {
            try {
                started.compiled.complete(ActiveRuleset.compile(bound));
            } catch (Throwable e) {
                started.compiled.completeExceptionally(e);
            }
        }, "ruleset-compile");
        thread.setDaemon(true);
        thread.start();
        context.getBeanFactory().registerSingleton(BEAN, started);
    }

    /** The same folders and caps: the two bindings may convert a folder to a relative or an absolute path. */
    private static boolean same(RulesetProperties a, RulesetProperties b) {
        return folder(a.rulesFolder()).equals(folder(b.rulesFolder())) && folder(a.tablesFolder()).equals(folder(b.tablesFolder()))
                && a.maxFirings() == b.maxFirings() && a.maxTablePart().equals(b.maxTablePart());
    }

    private static java.nio.file.Path folder(java.nio.file.Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** The ruleset compiled from {@code wanted}: the early compile when it read the same settings, else compiled now. */
    Ruleset take(RulesetProperties wanted) {
        if (compiled == null || !same(wanted, properties)) {
            return ActiveRuleset.compile(wanted);
        }
        try {
            return compiled.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
