package dev.zaiko.platform;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir  where the embedded PostgreSQL keeps its files between runs
 * @param zone     the shop's time zone; every business rule reads time in it
 * @param demo     load the demo shop at start
 */
@ConfigurationProperties("zaiko")
public record ZaikoProperties(Path dataDir, ZoneId zone, boolean demo) {

    public ZaikoProperties {
        if (dataDir == null) dataDir = Path.of("zaiko-data");
        if (zone == null) zone = ZoneId.of("Asia/Tokyo");
    }
}
