package dev.zaiko;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "platform")
public class ZaikoApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZaikoApplication.class, translateShortcuts(args));
    }

    /** {@code --demo} is the documented shortcut for {@code --zaiko.demo=true}. */
    static String[] translateShortcuts(String[] args) {
        return Arrays.stream(args)
                .map(arg -> arg.equals("--demo") ? "--zaiko.demo=true" : arg)
                .toArray(String[]::new);
    }
}
