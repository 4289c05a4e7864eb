package dev.zaiko.connector;

import dev.zaiko.refund.MarketplaceCancellations;
import org.springframework.stereotype.Component;

/** Refund asks here: a channel with a connector whose platform's adapter is built in is told of cancellations. */
@Component
class ConnectorCancellations implements MarketplaceCancellations {

    private final ConnectorAccounts accounts;

    ConnectorCancellations(ConnectorAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean cancelsOnThePlatform(String channel) {
        return accounts.connectorOf(channel).isPresent();
    }
}
