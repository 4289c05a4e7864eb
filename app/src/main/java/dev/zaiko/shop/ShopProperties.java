package dev.zaiko.shop;

import java.net.URI;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the shop is to its customers: the name callers and emails give, how to reach it, and the
 * address customers' links start with.
 *
 * @param name    the shop's name in Japanese (default 山並ストア, the demo shop)
 * @param nameEn  the shop's name in English (default Yamanami Store)
 * @param phone   the number customers may call back, shown in emails
 * @param email   the address emails come from and replies go to
 * @param baseUrl where customers reach this Zaiko, for the links in emails (default http://localhost:8080)
 */
@ConfigurationProperties("zaiko.shop")
public record ShopProperties(String name, String nameEn, String phone, String email, URI baseUrl) {

    public ShopProperties {
        if (name == null || name.isBlank()) name = "山並ストア";
        if (nameEn == null || nameEn.isBlank()) nameEn = "Yamanami Store";
        if (phone == null || phone.isBlank()) phone = "03-0000-0000";
        if (email == null || email.isBlank()) email = "shop@zaiko.localhost";
        if (baseUrl == null) baseUrl = URI.create("http://localhost:8080");
    }

    public static ShopProperties defaults() {
        return new ShopProperties(null, null, null, null, null);
    }

    /** The shop's name in the customer's language (Japanese unless English). */
    public String name(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? nameEn : name;
    }
}
