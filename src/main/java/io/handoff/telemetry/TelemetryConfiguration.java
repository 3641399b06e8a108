package io.handoff.telemetry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.tracing.Tracer;

/** The telemetry settings, the dashboard link renderer built from them, and the current trace. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryProperties.class)
class TelemetryConfiguration {
    @Bean
    DashboardLinks dashboardLinks(TelemetryProperties properties) {
        return new DashboardLinks(properties.linkTemplate());
    }

    @Bean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer.getIfAvailable());
    }
}
