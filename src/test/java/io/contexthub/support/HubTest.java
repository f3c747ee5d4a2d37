package io.contexthub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole hub on a random port with a data directory of its own ({@link FreshDataDirectory}): what every Spring
 * test of the hub shares. A test adds only what its profile needs, as properties of an annotation of that profile
 * ({@link WebhookHubTest}) or its own {@code @TestPropertySource}; tests with the same profile share one running
 * hub (Spring caches the context by its configuration), so the suite does not grow by a startup per test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDataDirectory.class)
public @interface HubTest {
}
