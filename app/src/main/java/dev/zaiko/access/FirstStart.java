package dev.zaiko.access;

import java.security.SecureRandom;

import dev.zaiko.shop.ShopProperties;
import dev.zaiko.platform.ZaikoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes Zaiko usable from its first start: the first admin (password from
 * {@code ZAIKO_ADMIN_PASSWORD}, or a random one printed once), the automation token from
 * {@code ZAIKO_BOOTSTRAP_TOKEN}, and in the demo an admin token printed once so a newcomer can try
 * the API straight away.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleUsers users;
    private final ApiTokens tokens;
    private final AccessProperties properties;
    private final ZaikoProperties zaiko;
    private final ShopProperties shop;

    private final org.springframework.core.env.Environment environment;

    FirstStart(ConsoleUsers users, ApiTokens tokens, AccessProperties properties, ZaikoProperties zaiko,
               ShopProperties shop, org.springframework.core.env.Environment environment) {
        this.shop = shop;
        this.environment = environment;
        this.users = users;
        this.tokens = tokens;
        this.properties = properties;
        this.zaiko = zaiko;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.any()) firstAdmin();
        if (!properties.bootstrapToken().isBlank()
                && tokens.provision(properties.bootstrapToken().trim(), "bootstrap", "system:start")) {
            log.info("Provisioned the admin API token 'bootstrap' from ZAIKO_BOOTSTRAP_TOKEN.");
        }
        if (zaiko.demo() && properties.demoToken() && !tokens.any()) {
            ApiTokens.Issued demo = tokens.create("demo", Scope.ADMIN, null, "system:demo");
            log.warn("""

                    ==== Demo API token (admin scope), shown only this once ====
                      curl -H 'Authorization: Bearer {}' {}/api/products
                    Revoke it in Settings > Tokens, or with DELETE /api/access/tokens/{}.
                    ============================================================""", demo.secret(), here(), demo.token().id());
        }
    }

    /**
     * Where the person who just started the demo reaches this Zaiko: the port it listens on (set with
     * --server.port), on this machine; the shop's public address when no web server runs.
     */
    String here() {
        String port = environment.getProperty("local.server.port");
        return port != null ? "http://localhost:" + port : shop.baseUrl().toString();
    }

    private void firstAdmin() {
        String password = properties.adminPassword();
        boolean random = password.isBlank();
        if (random) password = randomPassword();
        users.create(new ConsoleUsers.NewUser(properties.adminUsername(), "Administrator", Role.ADMIN, "ja", password, null),
                "system:start");
        if (random) {
            // Printed once, by design: there is no other way to learn it. Change it after signing in.
            log.warn("""

                    ==== First start: console admin created ====
                      user:     {}
                      password: {}
                    Shown only this once. Set ZAIKO_ADMIN_PASSWORD before the first start to choose it.
                    ============================================""", properties.adminUsername(), password);
        } else {
            log.info("First start: created the console admin '{}' with the password from ZAIKO_ADMIN_PASSWORD.",
                    properties.adminUsername());
        }
    }

    private static String randomPassword() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return s.toString();
    }
}
