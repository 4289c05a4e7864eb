package dev.zaiko.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * An example for every request body and every 2xx response of the API document, written from
 * the schema with a shop's data: SKUs like {@code TENT-2P-GRN}, whole-yen amounts, Japanese
 * customers, dates in the shop's calendar. A value a schema states itself ({@code example},
 * {@code enum}, {@code default}) wins; otherwise the property's name and format pick a realistic
 * value that keeps to the schema's limits, so the examples validate against their schemas.
 * An operation that writes its own example keeps it.
 */
@Component
class ApiExamples implements OpenApiCustomizer {

    private static final int DEPTH = 6;

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) return;
        Map<String, Schema> schemas = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) exemplify(operation.getRequestBody().getContent(), schemas);
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2")) exemplify(response.getContent(), schemas);
                });
            }
        }));
    }

    private static void exemplify(Content content, Map<String, Schema> schemas) {
        if (content == null) return;
        for (MediaType media : content.values()) {
            if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) continue;
            if (media.getSchema() == null) continue;
            Object example = example(media.getSchema(), null, schemas, 0);
            if (example != null) media.setExample(example);
        }
    }

    static Object example(Schema<?> schema, String name, Map<String, Schema> schemas, int depth) {
        if (schema == null || depth > DEPTH) return null;
        if (schema.get$ref() != null) {
            String ref = schema.get$ref();
            return example(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), name, schemas, depth + 1);
        }
        if (schema.getExample() != null) return schema.getExample();
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getOneOf(), schema.getAnyOf(), schema.getAllOf())) {
            if (alternatives != null && !alternatives.isEmpty()) return example(alternatives.get(0), name, schemas, depth + 1);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) return schema.getEnum().get(0);
        if (schema.getDefault() != null) return schema.getDefault();
        String type = typeOf(schema);
        if (type == null) {
            if (schema.getProperties() != null) type = "object";
            else if (schema.getItems() != null) type = "array";
            else return null;
        }
        switch (type) {
            case "object": {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((property, propertySchema) -> {
                        Object value = example(propertySchema, property, schemas, depth + 1);
                        if (value != null) object.put(property, value);
                    });
                } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    Object value = example(values, name, schemas, depth + 1);
                    if (value != null) object.put(mapKey(name), value);
                }
                return object;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                Object item = example(schema.getItems(), singular(name), schemas, depth + 1);
                if (item != null) list.add(item);
                return list;
            }
            case "integer":
                return bounded(schema, integer(name == null ? "" : name.toLowerCase(Locale.ROOT)));
            case "number":
                return bounded(schema, integer(name == null ? "" : name.toLowerCase(Locale.ROOT)));
            case "boolean":
                return Boolean.FALSE;
            case "string":
                return string(schema, name);
            default:
                return null;
        }
    }

    private static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) return schema.getType();
        if (schema.getTypes() != null) {
            return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        return null;
    }

    private static String singular(String name) {
        if (name == null) return null;
        if (name.endsWith("ies")) return name.substring(0, name.length() - 3) + "y";
        if (name.endsWith("s")) return name.substring(0, name.length() - 1);
        return name;
    }

    private static String mapKey(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).contains("hours") ? "MONDAY" : "TENT-2P-GRN";
    }

    private static long integer(String name) {
        // an order of 2 × 12,800 yen with 800 yen shipping, paid with a 500-yen coupon, 500 points,
        // 1,000 yen of gift balance and 24,400 yen by card
        if (name.contains("fee")) return 800;
        if (name.contains("discount") || name.contains("points")) return 500;
        if (name.contains("giftbalanceused")) return 1000;
        if (name.contains("price")) return 12800;
        if (name.contains("amount") || name.contains("total") || name.contains("balance") || name.contains("refund")
                || name.contains("paid") || name.contains("captured") || name.contains("authorized")) return 24400;
        if (name.contains("percent")) return 10;
        if (name.contains("days")) return 5;
        if (name.equals("seq") || name.contains("cursor") || name.equals("id")) return 1042;
        if (name.contains("page")) return 0;
        if (name.contains("size")) return 50;
        if (name.contains("threshold") || name.contains("floor")) return 3;
        if (name.contains("line") || name.contains("row") || name.contains("rank")) return 1;
        if (name.contains("attempt")) return 1;
        return 2; // quantities, counts
    }

    private static Object bounded(Schema<?> schema, long value) {
        BigDecimal v = BigDecimal.valueOf(value);
        if (schema.getMinimum() != null && v.compareTo(schema.getMinimum()) < 0) v = schema.getMinimum();
        if (schema.getMaximum() != null && v.compareTo(schema.getMaximum()) > 0) v = schema.getMaximum();
        return v.longValue();
    }

    private static String string(Schema<?> schema, String name) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String value = switch (format) {
            case "date" -> "2026-07-01";
            case "date-time" -> "2026-07-01T09:30:00Z";
            case "uuid" -> "3f2b8c1e-5d4a-4e6b-9a0c-7d1e2f3a4b5c";
            case "uri", "url" -> "https://shop.example.jp/hooks/zaiko";
            case "email" -> "hanako.sato@example.jp";
            case "binary", "byte" -> null;
            default -> byName(name == null ? "" : name);
        };
        if (value == null) return null;
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(value).matches()) {
            // an alternation of plain words (an enum checked as text): its first word
            value = schema.getPattern().matches("[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)+")
                    ? schema.getPattern().substring(0, schema.getPattern().indexOf('|')) : "A1";
            if (!Pattern.compile(schema.getPattern()).matcher(value).matches()) return null;
        }
        if (schema.getMaxLength() != null && value.length() > schema.getMaxLength()) {
            value = value.substring(0, schema.getMaxLength());
        }
        if (schema.getMinLength() != null && value.length() < schema.getMinLength()) {
            value = value + "x".repeat(schema.getMinLength() - value.length());
        }
        return value;
    }

    private static String byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("sku")) return "TENT-2P-GRN";
        if (n.equals("ordernumber") || n.equals("order")) return "ZK-260701-0042-7";
        if (n.contains("email")) return "hanako.sato@example.jp";
        if (n.contains("phone")) return "+81 90-1234-5678";
        if (n.equals("currency")) return "JPY";
        if (n.equals("channel") || n.equals("channelcode")) return "WEB";
        if (n.equals("location") || n.contains("locationcode") || n.equals("to") || n.equals("from")) return "TOKYO-DC";
        if (n.equals("code")) return "WEB";
        if (n.equals("couponcode")) return "SORRY-500";
        if (n.equals("ja")) return "2人用テント グリーン";
        if (n.equals("en")) return "2-person tent, green";
        if (n.equals("locale")) return "ja";
        if (n.contains("holdername")) return "サトウ ハナコ";
        if (n.equals("name") || n.equals("displayname") || n.equals("toname")) return "佐藤 花子";
        if (n.equals("username") || n.equals("by") || n.contains("actor") || n.endsWith("by")) return "tanaka";
        if (n.equals("category")) return "tents";
        if (n.equals("supplier")) return "Mont-Kiso Outdoor";
        if (n.equals("externalref") || n.equals("reference")) return "WEB-100234";
        if (n.contains("idempotency") || n.equals("key")) return "refund-ZK-260701-0042-7-1";
        if (n.equals("bankcode")) return "0005";
        if (n.equals("branchcode")) return "123";
        if (n.equals("accountnumber")) return "1234567";
        if (n.equals("url")) return "https://shop.example.jp/hooks/zaiko";
        if (n.equals("token")) return "zk_Xq3v9LmP2sT8wYb4Kd7Rf1Hn6Jc0Ze5Ua";
        if (n.equals("prefix")) return "zk_Xq3v9L";
        if (n.equals("secret")) return "whsec_4f8a1c2e9b7d6a3f";
        if (n.equals("password")) return "correct horse battery staple";
        if (n.equals("subject")) return "【Zaiko Outdoor】ご注文商品の在庫について";
        if (n.equals("messageid")) return "<3f2b8c1e.ZK-260701-0042-7@shop.example.jp>";
        if (n.equals("id") || n.endsWith("id")) return "3f2b8c1e-5d4a-4e6b-9a0c-7d1e2f3a4b5c";
        if (n.contains("reason") || n.equals("note") || n.equals("text") || n.equals("detail")
                || n.equals("message") || n.equals("why") || n.equals("explanation")) {
            return "The customer asked to wait for the next inbound.";
        }
        if (n.equals("opens")) return "09:00";
        if (n.equals("closes")) return "18:00";
        if (n.equals("zone")) return "Asia/Tokyo";
        if (n.equals("weekday")) return "MONDAY";
        return "TENT-2P-GRN".equals(n) ? n : "text";
    }
}
