package vn.luot.deploy.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Unhealthy when the JavaFX application thread does not run a no-op within {@code timeout}: the
 * screen is frozen. Healthy while JavaFX is absent (the server) or not started yet. Loads JavaFX
 * reflectively, so the class path of a program without JavaFX does not need it.
 */
public final class FxThreadProbe implements HealthProbe {

    private final Duration timeout;

    public FxThreadProbe(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Optional<String> problem() {
        Class<?> platform;
        try {
            platform = Class.forName("javafx.application.Platform");
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        CountDownLatch ran = new CountDownLatch(1);
        try {
            platform.getMethod("runLater", Runnable.class).invoke(null, (Runnable) ran::countDown);
        } catch (ReflectiveOperationException e) {
            // IllegalStateException inside: the toolkit is not started (yet), nothing to freeze.
            return Optional.empty();
        }
        try {
            return ran.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.empty()
                    : Optional.of("the JavaFX thread did not answer within " + timeout.toSeconds() + " s (frozen screen)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
