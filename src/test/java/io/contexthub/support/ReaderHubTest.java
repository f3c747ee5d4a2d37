package io.contexthub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The profile of tests that write documents straight into the store and read them back through the API or MCP:
 * processing does not start, so nothing but the test's own documents arrives. One hub serves every test class
 * with this annotation; each uses documents (ids, people) of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@HubTest
@TestPropertySource(properties = {"hub.api.token=" + ReaderHubTest.TOKEN, "hub.processing.auto-startup=false"})
public @interface ReaderHubTest {

    String TOKEN = "reader-hub-token";
}
