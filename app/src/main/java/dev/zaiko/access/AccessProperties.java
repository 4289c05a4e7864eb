package dev.zaiko.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminUsername     the first admin's user name, created at the first start (default admin)
 * @param adminPassword     the first admin's password (from {@code ZAIKO_ADMIN_PASSWORD}); when blank a
 *                          random one is made and printed once to the log
 * @param bootstrapToken    an admin API token to provision at start (from {@code ZAIKO_BOOTSTRAP_TOKEN}),
 *                          for automation; blank means none
 * @param demoToken         in the demo, print an admin token once when no token exists yet, so a
 *                          newcomer can call the API at once (default true; only with --demo)
 * @param tokenCache        how long a checked token is trusted without asking the database again; a
 *                          revocation on another node takes effect within it (default 5 s)
 * @param minPasswordLength the shortest password a user may choose (default 12)
 */
@ConfigurationProperties("zaiko.access")
public record AccessProperties(String adminUsername, String adminPassword, String bootstrapToken, Boolean demoToken,
                               Duration tokenCache, Integer minPasswordLength) {

    public AccessProperties {
        if (adminUsername == null || adminUsername.isBlank()) adminUsername = "admin";
        if (adminPassword == null) adminPassword = "";
        if (bootstrapToken == null) bootstrapToken = "";
        if (demoToken == null) demoToken = true;
        if (tokenCache == null) tokenCache = Duration.ofSeconds(5);
        if (minPasswordLength == null) minPasswordLength = 12;
    }
}
