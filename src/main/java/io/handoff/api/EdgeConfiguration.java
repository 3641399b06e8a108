package io.handoff.api;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.handoff.security.Problems;

/**
 * Problem+json on every path, before Spring MVC is reached: Tomcat's own refusals ({@link ProblemReportValve}),
 * Spring Security's firewall ({@code ;}, {@code %25}, {@code %2F}, control characters: 400 bad-path), and the
 * {@link RequestEdge} checks (method, content encoding, body cap, UTF-8) ahead of authentication.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {
    @Bean
    RequestRejectedHandler problemForRejectedPaths() {
        return (request, response, e) -> Problems.write(response, 400, "bad-path", "The path is refused",
                "The path holds a character sequence the service refuses (;, %25, %2F, %5C, control characters or "
                        + "non-printable bytes); send identifiers as plain path segments.");
    }

    /** Encoded slashes reach the firewall (a problem) instead of being refused by Tomcat with its HTML page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemPagesFromTomcat() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.setErrorReportValveClass(ProblemReportValve.class.getName());
                        host.getPipeline().addValve(new ProblemReportValve());
                    }
                });
            }
        };
    }

    /** A query string Tomcat's parser would throw on is 400 bad-query on every path, before anything reads it. */
    @Bean
    FilterRegistrationBean<QueryStrings> queryStrings(@Value("${server.tomcat.max-parameter-count:1000}") int maxParameters) {
        FilterRegistrationBean<QueryStrings> registration = new FilterRegistrationBean<>(new QueryStrings(maxParameters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestEdge> requestEdge(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings, ApiProperties properties) {
        FilterRegistrationBean<RequestEdge> registration = new FilterRegistrationBean<>(
                new RequestEdge(mappings, properties.maxBodySize().toBytes(), RulesetController.MAX_ZIP_BYTES));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before Spring Security's chain (-100)
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
