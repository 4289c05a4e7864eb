package dev.zaiko.bench;

import javax.sql.DataSource;

/**
 * What a strategy gets to work with in one phase.
 *
 * @param dataSource the harness's pool on the embedded PostgreSQL (sized by {@code --pool})
 * @param jdbcUrl    for a strategy that wants its own connections instead
 * @param buyers     the concurrency the driver will apply
 */
public record BenchContext(DataSource dataSource, String jdbcUrl, String sku, String location,
                           String channel, int buyers) {
}
