package dev.zaiko.insight;

import java.sql.Timestamp;
import java.util.List;

import dev.zaiko.catalog.PriceChanged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every price a product had, at the time it took effect ({@code insight_price}), from the catalog's
 * {@link PriceChanged}. One row per SKU and time, written once: any order of the facts gives the same
 * table.
 */
@Component
class ProjectingPrices implements InsightProjection {

    private final JdbcTemplate jdbc;

    ProjectingPrices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of("insight_price");
    }

    @Override
    public void apply(Object fact) {
        if (fact instanceof PriceChanged e) {
            jdbc.update("insert into insight_price (sku, at, price) values (?, ?, ?) on conflict (sku, at) do nothing",
                    e.sku(), Timestamp.from(e.at()), e.newPrice());
        }
    }
}
