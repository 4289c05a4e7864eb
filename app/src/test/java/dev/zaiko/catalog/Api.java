package dev.zaiko.catalog;

import tools.jackson.databind.node.ObjectNode;

/** A thin JSON client for the running application, plus sample product bodies. */
final class Api extends dev.zaiko.support.ShopApi {

    Api(int port) {
        super(port);
    }

    /** A SKU no other test uses, so tests sharing one database never see each other's products. */
    static String uniqueSku(String prefix) {
        return unique(prefix);
    }

    /** A complete, valid product body. */
    static ObjectNode tent(String sku) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sku", sku);
        body.putObject("name").put("ja", "ドームテント 4人用").put("en", "Dome tent for 4");
        body.put("category", "tent");
        body.putArray("purposeTags").add("camping").add("shelter");
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("capacity").put("value", 4).put("unit", "persons");
        attributes.putObject("height").put("value", 1500).put("unit", "mm");
        attributes.putObject("material").put("value", "polyester");
        body.put("price", 29800);
        body.put("supplier", "Yamanami Outdoor");
        body.put("leadTimeDays", 14);
        return body;
    }
}
