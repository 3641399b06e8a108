package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringsTest {
    @Test
    void wellFormedQueriesPass() {
        for (String query : new String[] {"a=b", "a=b&c=%C3%A9&d=&e", "q=a+b%2B%25", "x=%F0%9F%98%80", "&&a=1&", "x=%e2%82%ac"}) {
            assertThat(QueryStrings.problem(query)).as(query).isNull();
        }
    }

    @Test
    void eachMalformedPartIsNamed() {
        assertThat(QueryStrings.problem("limit=5&team=%FF")).contains("parameter 2 'team'").contains("not UTF-8");
        assertThat(QueryStrings.problem("team=%ED%A0%80")).contains("'team'").contains("surrogate");
        assertThat(QueryStrings.problem("team=%C0%AF")).contains("overlong");
        assertThat(QueryStrings.problem("x=50%")).contains("'x'").contains("%25");
        assertThat(QueryStrings.problem("x=%4")).contains("two hex digits");
        assertThat(QueryStrings.problem("x=%\uFF11\uFF12")).as("fullwidth digits are not hex").contains("two hex digits");
        assertThat(QueryStrings.problem("x=a%00b")).contains("NUL");
        assertThat(QueryStrings.problem("%FF=1")).contains("The name of parameter 1 (its name cannot be read)");
        assertThat(QueryStrings.problem("x\u00FF=1")).as("a raw byte is a byte").contains("not UTF-8");
        assertThat(QueryStrings.problem("=x")).contains("no name");
        assertThat(QueryStrings.problem("a=1&=2")).contains("Parameter 2 has no name");
        assertThat(QueryStrings.problem("p=1&".repeat(QueryStrings.MAX_PARAMETERS))).isNull();
        assertThat(QueryStrings.problem("p=1&p=2&p=3", 2)).as("the container's configured cap").contains("more than 2");
        assertThat(QueryStrings.problem("p=1&".repeat(QueryStrings.MAX_PARAMETERS + 1))).contains("more than 1000");
    }
}
