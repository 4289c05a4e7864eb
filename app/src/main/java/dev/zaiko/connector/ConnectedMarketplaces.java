package dev.zaiko.connector;

import java.time.Clock;
import java.util.Optional;

import dev.zaiko.channel.ConnectedAdapters;
import dev.zaiko.channel.MarketplaceAdapter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Channel's senders ask here first: a channel with a connector account is pushed through its platform's API. */
@Component
class ConnectedMarketplaces implements ConnectedAdapters {

    private final ConnectorAccounts accounts;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final FollowingAsyncPushes async;
    private final MappedSkus mapped;

    ConnectedMarketplaces(ConnectorAccounts accounts, JdbcTemplate jdbc, Clock clock, ConnectorMetrics metrics,
                          FollowingAsyncPushes async, MappedSkus mapped) {
        this.async = async;
        this.mapped = mapped;
        this.accounts = accounts;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<MarketplaceAdapter> adapterFor(String channel) {
        return accounts.connectorOf(channel).map(c -> {
            metrics.channel(channel);
            return new ConnectorAdapter(channel, c.platform(), c.limits(), accounts, jdbc, clock, async, mapped);
        });
    }
}
