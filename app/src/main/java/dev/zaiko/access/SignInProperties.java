package dev.zaiko.access;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the console's sign-in form holds off someone guessing passwords ({@link ThrottlingSignIns}).
 *
 * @param maxFailuresPerUser    failed sign-ins for one user name within {@code window} that lock
 *                              that name (default 5); unknown names count the same way
 * @param maxFailuresPerAddress failed sign-ins from one client address within {@code window} that
 *                              lock that address (default 20); IPv6 addresses count per /64
 * @param window                how far back failures count (default 15 minutes)
 * @param lockFor               how long a lock lasts (default 15 minutes); a right password is
 *                              refused during it too
 */
@ConfigurationProperties("zaiko.access.sign-in")
public record SignInProperties(Integer maxFailuresPerUser, Integer maxFailuresPerAddress, Duration window,
                               Duration lockFor) {

    public SignInProperties {
        if (maxFailuresPerUser == null) maxFailuresPerUser = 5;
        if (maxFailuresPerAddress == null) maxFailuresPerAddress = 20;
        if (window == null) window = Duration.ofMinutes(15);
        if (lockFor == null) lockFor = Duration.ofMinutes(15);
        if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("zaiko.access.sign-in.max-failures-per-* must be at least 1");
        }
        if (!Durations.positive(window) || !Durations.positive(lockFor)) {
            throw new IllegalArgumentException("zaiko.access.sign-in.window and lock-for must be positive");
        }
    }
}
