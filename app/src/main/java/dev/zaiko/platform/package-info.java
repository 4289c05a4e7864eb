/**
 * Shared plumbing every module may use: the embedded database, the injectable clock,
 * RFC 9457 error handling and Zaiko's configuration properties. Owns no domain tables.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.zaiko.platform;
