package io.handoff;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.handoff.api.ApiProperties;
import io.handoff.contract.ContractValidator;
import io.handoff.decision.DecisionService;
import io.handoff.ruleset.ActiveRuleset;
import io.handoff.ruleset.RulesetProperties;

/** Wires the Spring-free core (contract, engine, decision, ruleset) into the service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RulesetProperties.class, ApiProperties.class})
class ServiceConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContractValidator contractValidator() {
        return new ContractValidator();
    }

    @Bean
    ActiveRuleset activeRuleset(RulesetProperties properties) {
        return ActiveRuleset.load(properties);
    }

    @Bean
    DecisionService decisionService(ContractValidator validator, ActiveRuleset activeRuleset, Clock clock) {
        return new DecisionService(validator, activeRuleset, clock);
    }
}
