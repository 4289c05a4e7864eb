package dev.zaiko.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.zaiko.support.ShopApi;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A client for contact tests: orders whose items go missing, the desk's API, and the emails GreenMail received. */
public final class ContactApi extends ShopApi {

    public static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("/c/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    private final GreenMail smtp;

    public ContactApi(int port, GreenMail smtp) {
        super(port);
        this.smtp = smtp;
    }

    /** A tent with {@code units} sellable at the warehouse. */
    public String tent(Shop shop, int units) {
        String sku = unique("CT");
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 19800);
        body.putObject("name").put("ja", "山岳テント 2人用").put("en", "Mountain tent for 2");
        ok(post("/api/products", body));
        if (units > 0) sellable(sku, shop.warehouse(), units);
        return sku;
    }

    /** A bottle of {@code ml}: bottles of one test's shop serve the same purpose, so one stands in for another. */
    public String bottle(String prefix, long price, int ml) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "bottle").put("price", price);
        body.putObject("name").put("ja", "山用ボトル " + ml + "ml").put("en", "Trail bottle " + ml + " ml");
        body.putArray("purposeTags").add("hydration");
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("volume").put("value", ml).put("unit", "ml");
        attributes.putObject("weight").put("value", 300).put("unit", "g");
        ok(post("/api/products", body));
        return sku;
    }

    /** A web-shop order of one line, paid by card; {@code phone} null for a customer who gave none. */
    public static ObjectNode order(String channel, String email, String phone, String locale, String sku, int quantity,
                            long unitPrice) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("externalRef", unique("WEB"));
        ObjectNode customer = body.putObject("customer").put("name", "佐藤 健一").put("email", email)
                .put("locale", locale);
        if (phone != null) customer.put("phone", phone);
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        body.putArray("lines").addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", unitPrice);
        return balancePayment(body);
    }

    /** An express order promising delivery the day after {@code today} (the moved clock's day). */
    public static ObjectNode express(ObjectNode body, java.time.LocalDate today) {
        return body.put("express", true).put("promisedDate", today.plusDays(1).toString());
    }

    public String place(ObjectNode body) {
        return ok(post("/api/orders", balancePayment(body))).path("orderNumber").asString();
    }

    /** Every unit of line 1 is found defective at packing: the case that opens. */
    public String defective(String number, int units) {
        ObjectNode pack = JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 0).put("defective", units);
        ok(post("/api/orders/" + number + "/pack", pack));
        JsonNode cases = ok(get("/api/stockouts?order=" + number + "&size=10")).path("items");
        assertThat(cases.size()).as("cases of " + number).isEqualTo(1);
        return cases.get(0).path("id").asString();
    }

    /** The desk's view of the case, once the desk has taken it in (just after the case opened). */
    public JsonNode desk(String caseId) {
        await("desk has " + caseId).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/stockouts/" + caseId + "/contact").status() == 200);
        return ok(get("/api/stockouts/" + caseId + "/contact"));
    }

    public JsonNode stockout(String caseId) {
        return ok(get("/api/stockouts/" + caseId));
    }

    public Response call(String caseId, ObjectNode body) {
        return post("/api/stockouts/" + caseId + "/calls", body);
    }

    public static ObjectNode outcome(String outcome) {
        return JSON.createObjectNode().put("outcome", outcome).put("operator", "tanaka");
    }

    // ---- email -------------------------------------------------------------------------------

    public List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits for the {@code n}th email to the address (counting from 1) and returns it. */
    public MimeMessage email(String address, int n) {
        await("email " + n + " to " + address).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> emailsTo(address).size() >= n);
        return emailsTo(address).get(n - 1);
    }

    /** Waits for an email to the address whose subject passes. */
    public MimeMessage email(String address, Predicate<String> subject) {
        await("email to " + address).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> emailsTo(address).stream().anyMatch(m -> subject.test(subject(m))));
        return emailsTo(address).stream().filter(m -> subject.test(subject(m))).findFirst().orElseThrow();
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? null : values[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part. */
    public static String text(MimeMessage m) {
        return part(m, "text/plain");
    }

    public static String html(MimeMessage m) {
        return part(m, "text/html");
    }

    private static String part(MimeMessage m, String type) {
        try {
            Object content = m.getContent();
            if (content instanceof String s) return m.isMimeType(type) ? s : null;
            MimeMultipart multipart = (MimeMultipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) return (String) part.getContent();
                if (part.getContent() instanceof MimeMultipart inner) {
                    for (int j = 0; j < inner.getCount(); j++) {
                        if (inner.getBodyPart(j).isMimeType(type)) return (String) inner.getBodyPart(j).getContent();
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decision link's path ({@code /c/<token>}) in the email's text. */
    public static String link(MimeMessage m) {
        Matcher found = LINK.matcher(text(m));
        assertThat(found.find()).as("a decision link in\n" + text(m)).isTrue();
        return "/c/" + found.group(1);
    }

    public static String raw(MimeMessage m) {
        return GreenMailUtil.getWholeMessage(m);
    }
}
