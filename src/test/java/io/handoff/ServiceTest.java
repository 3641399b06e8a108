package io.handoff;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/** The whole service on a random port over a fresh H2 file database under target/, with the shipped rules. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-db/${random.uuid};QUERY_CACHE_SIZE=32;CACHE_SIZE=4096;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "handoff.audit.retention-interval=1000d"})
public @interface ServiceTest {
}
