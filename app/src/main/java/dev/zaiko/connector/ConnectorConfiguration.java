package dev.zaiko.connector;

import dev.zaiko.platform.outbound.OutboundHttp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP every platform client uses: the outbound rules, the connectors' timeouts. */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    ConnectorHttp connectorHttp(OutboundHttp http, ConnectorProperties properties) {
        return new ConnectorHttp(http, properties.connectTimeout(), properties.requestTimeout());
    }
}
