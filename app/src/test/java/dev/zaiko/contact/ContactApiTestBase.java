package dev.zaiko.contact;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application every contact test shares: the desk switched on (the other modules' tests
 * run without it, so that its emails and status changes never race their assertions) and its
 * emails going out through a real SMTP server on loopback (GreenMail), where tests read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "zaiko.contact.enabled=true", "zaiko.mail.first-retry=1s", "zaiko.mail.max-retry=2s"})
@ActiveProfiles("test")
public abstract class ContactApiTestBase {

    protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MovableClock clock;

    protected ContactApi api;
    protected dev.zaiko.support.ShopApi.Shop shop;

    @BeforeEach
    protected void clientAndShop() {
        api = new ContactApi(port, SMTP);
        shop = api.shop();
    }

    @AfterEach
    protected void resetClock() {
        clock.reset();
    }
}
