/**
 * Shared plumbing every module may use: the embedded database, the injectable clock,
 * RFC 9457 error handling, Zaiko's configuration properties, durable jobs (db-scheduler: a
 * module declares {@code Task} beans, {@link dev.zaiko.platform.JobScheduler} runs them) and the
 * housekeeping of the module event registry (retry, cleanup). Owns no domain tables; owns the
 * libraries' {@code event_publication} and {@code scheduled_tasks}. See docs/events-and-jobs.md.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.zaiko.platform;
