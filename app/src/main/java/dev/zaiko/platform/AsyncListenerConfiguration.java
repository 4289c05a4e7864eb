package dev.zaiko.platform;

import java.lang.reflect.Method;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * How a failed asynchronous module listener is logged. The event stays in the registry and is
 * retried, so this is a report, not the handling. A database error's message can quote the row
 * (a customer's name or email), so only its SQL state is logged, as everywhere in Zaiko; other
 * failures are logged with their stack trace.
 */
@Configuration(proxyBeanMethods = false)
class AsyncListenerConfiguration implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger("dev.zaiko.platform.AsyncListeners");

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return AsyncListenerConfiguration::report;
    }

    static void report(Throwable failure, Method method, Object... arguments) {
        String listener = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        String event = arguments.length == 0 || arguments[0] == null ? "?" : arguments[0].getClass().getSimpleName();
        SQLException sql = sqlCause(failure);
        if (sql != null) {
            log.error("Listener {} failed on {}: {} (SQL state {}); the database's message is withheld. "
                    + "The event stays in the registry and will be retried.", listener, event,
                    failure.getClass().getSimpleName(), sql.getSQLState());
        } else {
            log.error("Listener {} failed on {}; the event stays in the registry and will be retried.", listener, event,
                    failure);
        }
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) return sql;
        }
        return null;
    }
}
