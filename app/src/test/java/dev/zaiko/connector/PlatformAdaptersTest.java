package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** One adapter per platform: a second bean saying the same platform stops the start instead of being ignored. */
class PlatformAdaptersTest {

    static PlatformConnector saying(Platform platform) {
        return new PlatformConnector() {
            @Override
            public Platform platform() {
                return platform;
            }

            @Override
            public Limits limits() {
                return new Limits(1, 1, 1);
            }

            @Override
            public List<FieldProblem> validate(ConnectorAccount account) {
                return List.of();
            }

            @Override
            public PlatformClient client(ConnectorAccount account, ConnectorHttp http) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void twoAdaptersClaimingTheSamePlatformRefuseToStartNamingThePlatform() {
        List<PlatformConnector> beans = List.of(saying(Platform.AMAZON), saying(Platform.SHOPIFY),
                FakePlatform.fakeShopify());
        assertThatThrownBy(() -> new ConnectorAccounts(null, null, null, null, null, null, null, beans, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHOPIFY")
                .hasMessageContaining("same platform")
                .hasMessageNotContaining("AMAZON");
    }

    @Test
    void oneAdapterPerPlatformIsTakenAsIs() {
        PlatformConnector amazon = saying(Platform.AMAZON);
        PlatformConnector shopify = saying(Platform.SHOPIFY);
        assertThat(ConnectorAccounts.byPlatform(List.of(amazon, shopify)))
                .containsEntry(Platform.AMAZON, amazon).containsEntry(Platform.SHOPIFY, shopify).hasSize(2);
    }
}
