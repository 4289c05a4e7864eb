package dev.zaiko.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.zaiko.connector.ConnectorAccounts;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.StockNetwork;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Every sales channel with its connector ({@code /channels}): the platform it is pushed to, or "not
 * connected", and a link to the channel's connector page where staff connect it or see its health.
 */
@Controller
class ChannelsPage {

    private final StockNetwork network;
    private final ConnectorAccounts connectors;

    ChannelsPage(StockNetwork network, ConnectorAccounts connectors) {
        this.network = network;
        this.connectors = connectors;
    }

    /** One channel as listed; {@code connector} is null when the channel is not connected. */
    record Row(Channel channel, ConnectorAccounts.ConnectorView connector) {
    }

    @GetMapping("/channels")
    String list(Model model) {
        Map<String, ConnectorAccounts.ConnectorView> connected = connectors.views().stream()
                .collect(Collectors.toMap(ConnectorAccounts.ConnectorView::channel, Function.identity()));
        List<Row> rows = new ArrayList<>();
        for (Channel c : network.channels()) rows.add(new Row(c, connected.get(c.code())));
        model.addAttribute("channels", rows);
        return "console/channels";
    }
}
