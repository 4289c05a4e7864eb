package dev.zaiko.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test of Zaiko as operating-system processes of its own ({@link ZaikoProcess}): it shares
 * nothing with the test JVM's application context or database, and spends most of its time
 * waiting on those processes to start, crash and recover. Such tests run beside the in-JVM tests
 * (junit-platform.properties), so their waiting does not add to the suite's time; one at a time
 * (the lock), so that two of them never start their Zaikos on the same two cores at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("zaiko-processes")
public @interface ProcessLevelTest {
}
