package dev.zaiko.wallet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The wallet as staff read it in the API: the stored facts with their words from the message
 * bundles ({@code wallet.*}, Japanese by default, English on request).
 */
@Component
class WalletTexts {

    private final MessageSource messages;

    WalletTexts(MessageSource messages) {
        this.messages = messages;
    }

    record WalletJson(LocalDate today, Balances balances, List<LotJson> lots, List<EntryJson> entries,
                      List<CouponJson> coupons) {
    }

    /** What can be spent today. */
    record Balances(long points, long giftBalance) {
    }

    record LotJson(long id, String kind, String kindText, long amount, long remaining, LocalDate validUntil,
                   boolean expired, String validityText, String source, String sourceText, String reason,
                   Instant createdAt) {
    }

    record EntryJson(long id, long lotId, String kind, String kindText, long amount, String orderNumber,
                     Long originLotId, Instant at) {
    }

    record CouponJson(String code, String campaign, DiscountKind kind, long value, String discountText,
                      LocalDate campaignEnds, String status, String statusText, String redeemedBy) {
    }

    WalletJson wallet(WalletView w, Locale locale) {
        return new WalletJson(w.today(), new Balances(w.points(), w.giftBalance()),
                w.lots().stream().map(l -> lot(l, locale)).toList(),
                w.entries().stream().map(e -> new EntryJson(e.id(), e.lotId(), e.kind(),
                        text("wallet.entry." + e.kind(), locale), e.amount(), e.orderNumber(), e.originLotId(), e.at()))
                        .toList(),
                w.coupons().stream().map(c -> coupon(c, locale)).toList());
    }

    LotJson lot(WalletView.Lot l, Locale locale) {
        String validity = messages.getMessage(l.expired() ? "wallet.lot.expired" : "wallet.lot.validUntil",
                new Object[] {date(l.validUntil(), locale)}, locale);
        return new LotJson(l.id(), l.kind(), text("wallet.kind." + l.kind(), locale), l.amount(), l.remaining(),
                l.validUntil(), l.expired(), validity, l.source(), text("wallet.source." + l.source(), locale),
                l.reason(), l.createdAt());
    }

    CouponJson coupon(Coupon c, Locale locale) {
        return new CouponJson(c.code(), c.campaign(), c.kind(), c.value(),
                messages.getMessage("wallet.coupon." + c.kind().name(), new Object[] {c.value()}, locale),
                c.campaignEnds(), c.status(), text("wallet.coupon.status." + c.status(), locale), c.redeemedBy());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String date(LocalDate date, Locale locale) {
        if (Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(date);
        }
        return DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE).format(date);
    }
}
