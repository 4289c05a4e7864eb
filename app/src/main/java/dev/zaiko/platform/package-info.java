/**
 * Shared plumbing every module may use: the embedded database, the injectable clock,
 * RFC 9457 error handling, Zaiko's configuration properties, durable jobs (db-scheduler: a
 * module declares {@code Task} beans, {@link dev.zaiko.platform.JobScheduler} runs them) and the
 * housekeeping of the module event registry (retry, cleanup), secrets at rest ({@link
 * dev.zaiko.platform.SecretBox}: every module that stores a secret encrypts it there), and where
 * requests to URLs given by users may go ({@code platform.outbound}: the outbound-target rule and
 * the client that keeps to it, docs/security.md "Outbound targets"). Owns no domain tables; owns the
 * libraries' {@code event_publication} and {@code scheduled_tasks}, and {@code platform_secrets_key}
 * (the check that the secrets key is the right one). See docs/events-and-jobs.md and docs/security.md.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN, allowedDependencies = {})
package dev.zaiko.platform;
