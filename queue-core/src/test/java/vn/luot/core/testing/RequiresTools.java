package vn.luot.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The Debian programs every test of the class starts: the class is skipped, naming them, where one is
 * missing, and fails under CI ({@link Tool#require()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresTools.Check.class)
public @interface RequiresTools {

    Tool[] value();

    /** Checks the annotated class's tools before any of its tests (or their fixtures) start. */
    final class Check implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresTools.class)
                    .ifPresent(tools -> {
                        for (Tool tool : tools.value()) {
                            tool.require();
                        }
                    });
        }
    }
}
