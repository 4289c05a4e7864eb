package dev.zaiko.demo;

import static dev.zaiko.inventory.ChannelKind.MARKETPLACE;
import static dev.zaiko.inventory.ChannelKind.OWN;
import static dev.zaiko.inventory.ProtectionKind.MEMBER_QUOTA;
import static dev.zaiko.inventory.ProtectionKind.STORE_KEEPS;

import java.util.ArrayList;
import java.util.List;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.catalog.ProductDraft;
import dev.zaiko.demo.DemoShop.Expected;
import dev.zaiko.demo.DemoShop.Hold;
import dev.zaiko.demo.DemoShop.Keep;
import dev.zaiko.demo.DemoShop.Stock;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.Location;
import dev.zaiko.inventory.LocationKind;

/**
 * The demo shop's data: 山並ストア (Yamanami Store), an outdoor and hobby shop with a warehouse
 * in Kawaguchi, a store in Kichijoji and five channels. Every supplier, brand and product here
 * is fictional. Edit the tables below; {@code DemoShopTest} says which SKUs the demo relies on.
 *
 * <p>What the data shows on the WEB channel, by design:
 * <ul>
 *   <li>IN_STOCK: most products, e.g. TENT-2P-SORA, BOTTLE-SS-750;
 *   <li>LOW: TENT-2P-KAZE (2 left), TENT-2P-FUYU (2 of 3 failed inspection), GAME-NX-CONSOLE (member quota and store keep most);
 *   <li>OUT_OF_STOCK: BOTTLE-SOFT-1L (sold out), CD-TSUKIYO-LTD (an Amazon order holds the last units),
 *       LAMP-LANTERN-LED (all units still in inspection), STOVE-WOOD (backorderable, but no dated inbound),
 *       LAMP-HEAD-800R (dated inbound, but the shop takes no backorders for it);
 *   <li>BACKORDER: TENT-2P-HOSHI (+12 days), SLEEP-EXPD-M10 (+30 days);
 *   <li>one-of-a-kind: CD-TSUKIYO-SIGNED, one copy at the store only (0 online, 1 at the till).
 * </ul>
 */
final class StandardDemoShop {

    static final String WAREHOUSE = "WH-KAWAGUCHI";
    static final String STORE = "STORE-KICHIJOJI";
    static final String SUPPLIER = "SUP-YAMANAMI";

    // Fictional suppliers and their lead times in days.
    private static final String YAMANAMI = "Yamanami Outdoor";
    private static final int YAMANAMI_DAYS = 14;
    private static final String HOKUTO = "Hokuto Gear";
    private static final int HOKUTO_DAYS = 10;
    private static final String KIRISHIMA = "Kirishima Metalworks";
    private static final int KIRISHIMA_DAYS = 21;
    private static final String SANKAI = "Sankai Fuel";
    private static final int SANKAI_DAYS = 5;
    private static final String TSUKIYO = "Tsukiyo Records";
    private static final int TSUKIYO_DAYS = 30;
    private static final String NEBULA = "Nebula Interactive";
    private static final int NEBULA_DAYS = 45;

    private StandardDemoShop() {
    }

    static DemoShop get() {
        return new DemoShop(LOCATIONS, CHANNELS, PRODUCTS, STOCK, INBOUNDS, PROTECTIONS, RESERVATIONS, DemoOrders.ORDERS,
                DEALS, ALERTS);
    }

    // The first location is the marker the loader checks.
    static final List<Location> LOCATIONS = List.of(
            new Location(WAREHOUSE, LocationKind.WAREHOUSE, "川口倉庫"),
            new Location(STORE, LocationKind.STORE, "吉祥寺店"),
            new Location(SUPPLIER, LocationKind.SUPPLIER, "山並アウトドア 厚木物流センター"));

    static final List<Channel> CHANNELS = List.of(
            //          code       kind         name                    online  pool, in the order the engine prefers
            new Channel("WEB",     OWN,         "自社オンラインストア",     true,   List.of(WAREHOUSE, STORE)),
            new Channel("STORE",   OWN,         "吉祥寺店 レジ",           false,  List.of(STORE)),
            new Channel("AMAZON",  MARKETPLACE, "Amazon.co.jp 店",       true,   List.of(WAREHOUSE)),
            new Channel("RAKUTEN", MARKETPLACE, "楽天市場店",             true,   List.of(WAREHOUSE, STORE)),
            new Channel("YAHOO",   MARKETPLACE, "Yahoo!ショッピング店",    true,   List.of(WAREHOUSE)));

    static final List<ProductDraft> PRODUCTS = List.of(
            // ---- tents: capacity, waterproof rating (mm), weight (g), season -----------------------------------
            //   sku              ja                          en                          price  persons  mm    g      season
            tent("TENT-1P-SOLO",  "ソロシェルター 1",             "Solo Shelter 1",             29_800, 1, 1_500,    890, "3-season", "tent-1p", "backpacking", "ultralight"),
            tent("TENT-2P-SORA",  "ソラドーム 2",                "Sora Dome 2",                39_800, 2, 1_800,  1_650, "3-season", "tent-2p", "backpacking"),
            tent("TENT-2P-KAZE",  "カゼライト 2",                "Kaze Lite 2",                52_800, 2, 2_000,  1_280, "3-season", "tent-2p", "backpacking", "ultralight"),
            tent("TENT-2P-HOSHI", "ホシミ 2 ツーリングテント",      "Hoshimi 2 Touring Tent",     24_800, 2, 1_500,  2_300, "3-season", "tent-2p", "touring")
                    .withBackorderable(true),
            tent("TENT-2P-FUYU",  "フユ 4シーズン 2",             "Fuyu 4-Season 2",            88_000, 2, 3_000,  2_600, "4-season", "tent-2p", "winter", "mountaineering"),
            tent("TENT-4P-MORI",  "モリ ファミリードーム 4",        "Mori Family Dome 4",         49_800, 4, 2_000,  6_800, "3-season", "tent-4p", "family"),
            tent("TENT-4P-TAKI",  "タキ ツールーム 4",            "Taki Two-Room 4",            79_800, 4, 3_000, 11_500, "3-season", "tent-4p", "family"),

            // ---- sleeping bags: comfort temperature (°C), weight (g), fill ----------------------------------
            //   sku                 ja                            en                           price  °C   g      fill
            sleepingBag("SLEEP-DOWN-M2",  "ダウンハガー マイナス2",        "Down Hugger -2",            42_900,  -2,   780, "down 800FP", "sleep-3season"),
            sleepingBag("SLEEP-DOWN-P5",  "ダウンハガー 5",              "Down Hugger 5",             32_800,   5,   520, "down 800FP", "sleep-summer", "ultralight"),
            sleepingBag("SLEEP-SYN-0",    "シンセティック マミー 0",       "Synthetic Mummy 0",         14_800,   0, 1_400, "synthetic", "sleep-3season"),
            sleepingBag("SLEEP-EXPD-M10", "エクスペディション マイナス10",   "Expedition -10",            69_800, -10, 1_350, "down 900FP", "sleep-winter", "winter")
                    .withBackorderable(true),
            sleepingBag("SLEEP-KIDS",     "キッズ 封筒型シュラフ",         "Kids Envelope Sleeping Bag", 6_980,   8,   900, "synthetic", "sleep-summer", "family"),

            // ---- water bottles: volume (ml), material, weight (g) -------------------------------------------
            //   sku                ja                         en                               price  ml     material           g
            bottle("BOTTLE-TI-600",    "チタンボトル 600",          "Titanium Bottle 600",          8_800,   600, "titanium",         105, "ultralight")
                    .withSupplier(KIRISHIMA, KIRISHIMA_DAYS),
            bottle("BOTTLE-SS-750",    "ステンレス真空ボトル 750",    "Stainless Vacuum Bottle 750",  4_400,   750, "stainless steel",  380, "insulated"),
            bottle("BOTTLE-SS-500",    "ステンレス真空ボトル 500",    "Stainless Vacuum Bottle 500",  3_850,   500, "stainless steel",  290, "insulated"),
            bottle("BOTTLE-SOFT-1L",   "ソフトフラスク 1L",          "Soft Flask 1 L",               2_750, 1_000, "TPU",               38, "ultralight", "trail-running"),
            bottle("BOTTLE-TRITAN-1L", "トライタンボトル 1L",         "Tritan Bottle 1 L",            2_200, 1_000, "Tritan",           175),

            // ---- stoves and fuel ------------------------------------------------------------------------------
            stove("STOVE-GAS-MINI", "ガスバーナー ミニ",        "Mini Gas Burner",        6_600,    88, "OD gas cartridge", "backpacking")
                    .withAttribute("output", Attribute.number(2_800, "W")),
            stove("STOVE-GAS-TWIN", "ツーバーナー",            "Twin Gas Burner",       19_800, 4_200, "CB gas cartridge", "family")
                    .withAttribute("output", Attribute.number(3_500, "W"))
                    .withAttribute("burners", Attribute.number(2)),
            stove("STOVE-ALC",      "真鍮アルコールストーブ",    "Brass Alcohol Stove",    2_980,    45, "alcohol", "ultralight"),
            stove("STOVE-WOOD",     "折りたたみウッドストーブ",  "Folding Wood Stove",     7_480,   520, "wood", "bushcraft")
                    .withBackorderable(true),
            ProductDraft.of("GAS-OD-250", "OD缶 250g", "OD Gas Cartridge 250 g", "fuel", 660)
                    .withPurposeTags("cooking", "fuel", "gas-od")
                    .withAttribute("net weight", Attribute.number(250, "g"))
                    .withSupplier(SANKAI, SANKAI_DAYS)
                    .withLowStockThreshold(10)
                    .withBackorderable(true),

            // ---- lighting: brightness (lm), weight (g), water resistance --------------------------------------
            //   sku                ja                        en                              price  lm     g    IP      power
            light("LAMP-HEAD-200",    "コンパクトヘッドランプ 200", "Compact Headlamp 200",        2_980,   200,  45, "IPX4", "AAA x1", "headlamp", "ultralight"),
            light("LAMP-HEAD-400",    "ヘッドランプ 400",          "Headlamp 400",                5_280,   400,  78, "IPX4", "AAA x3", "headlamp"),
            light("LAMP-HEAD-800R",   "充電式ヘッドランプ 800",     "Rechargeable Headlamp 800",   9_900,   800, 110, "IPX6", "USB-C battery", "headlamp", "trail-running"),
            light("LAMP-LANTERN-LED", "LEDランタン 1000",          "LED Camp Lantern 1000",       7_700, 1_000, 420, "IPX4", "USB-C battery", "lantern", "family"),

            // ---- chairs ---------------------------------------------------------------------------------------
            ProductDraft.of("CHAIR-LOW", "ローチェア", "Low Camp Chair", "chair", 8_800)
                    .withPurposeTags("camping", "chair", "family")
                    .withAttribute("load capacity", Attribute.number(120, "kg"))
                    .withAttribute("weight", Attribute.number(2_100, "g"))
                    .withSupplier(YAMANAMI, YAMANAMI_DAYS),
            ProductDraft.of("CHAIR-UL", "ウルトラライトチェア", "Ultralight Chair", "chair", 14_300)
                    .withPurposeTags("camping", "chair", "ultralight", "backpacking")
                    .withAttribute("load capacity", Attribute.number(100, "kg"))
                    .withAttribute("weight", Attribute.number(850, "g"))
                    .withSupplier(YAMANAMI, YAMANAMI_DAYS),

            // ---- hobby: music and games -------------------------------------------------------------------------
            ProductDraft.of("CD-TSUKIYO-LTD", "月夜のキャンプファイヤー 初回限定盤 (CD+Blu-ray)",
                            "Campfire Under the Moon, limited first edition (CD+Blu-ray)", "music", 5_500)
                    .withPurposeTags("music", "cd", "tsukiyo-campfire")
                    .withAttribute("format", Attribute.text("CD+Blu-ray"))
                    .withAttribute("tracks", Attribute.number(12))
                    .withAttribute("edition", Attribute.text("limited first press"))
                    .withSupplier(TSUKIYO, TSUKIYO_DAYS)
                    .withLowStockThreshold(2),
            ProductDraft.of("CD-TSUKIYO-SIGNED", "月夜のキャンプファイヤー 直筆サイン入り (店頭のみ)",
                            "Campfire Under the Moon, signed copy (in store only)", "music", 12_000)
                    .withPurposeTags("music", "cd", "tsukiyo-campfire", "collectible")
                    .withAttribute("format", Attribute.text("CD"))
                    .withAttribute("tracks", Attribute.number(12))
                    .withAttribute("edition", Attribute.text("signed by the band, one copy"))
                    .withSupplier(TSUKIYO, TSUKIYO_DAYS)
                    .withOneOfAKind(true)
                    .withLowStockThreshold(0),
            ProductDraft.of("GAME-NX-CONSOLE", "ネビュラ スイッチバック 本体", "Nebula Switchback console", "game", 49_980)
                    .withPurposeTags("gaming", "game-console")
                    .withAttribute("storage", Attribute.number(256, "GB"))
                    .withAttribute("color", Attribute.text("midnight blue"))
                    .withSupplier(NEBULA, NEBULA_DAYS)
                    .withLowStockThreshold(5),
            ProductDraft.of("GAME-NX-CTRL", "ネビュラ プロコントローラー", "Nebula Pro Controller", "game", 8_980)
                    .withPurposeTags("gaming", "game-controller")
                    .withAttribute("connection", Attribute.text("Bluetooth"))
                    .withAttribute("battery life", Attribute.number(40, "h"))
                    .withSupplier(NEBULA, NEBULA_DAYS));

    static final List<Stock> STOCK = List.of(
            //        sku                   location    received passed failed   (the rest stays INSPECTING)
            new Stock("TENT-1P-SOLO",       WAREHOUSE,   8,  8, 0),
            new Stock("TENT-1P-SOLO",       STORE,       2,  2, 0),
            new Stock("TENT-2P-SORA",       WAREHOUSE,  12, 12, 0),
            new Stock("TENT-2P-SORA",       STORE,       4,  4, 0),
            new Stock("TENT-2P-SORA",       SUPPLIER,   30, 30, 0),   // the supplier's stock, for drop-shipping
            new Stock("TENT-2P-KAZE",       WAREHOUSE,   2,  2, 0),
            new Stock("TENT-2P-FUYU",       WAREHOUSE,   3,  1, 2),   // two failed inspection (torn fly)
            new Stock("TENT-4P-MORI",       WAREHOUSE,   6,  6, 0),
            new Stock("TENT-4P-MORI",       STORE,       2,  2, 0),
            new Stock("TENT-4P-MORI",       SUPPLIER,   15, 15, 0),
            new Stock("TENT-4P-TAKI",       WAREHOUSE,   5,  5, 0),
            new Stock("SLEEP-DOWN-M2",      WAREHOUSE,  10, 10, 0),
            new Stock("SLEEP-DOWN-M2",      STORE,       3,  3, 0),
            new Stock("SLEEP-DOWN-M2",      SUPPLIER,   20, 20, 0),
            new Stock("SLEEP-DOWN-P5",      WAREHOUSE,   7,  7, 0),
            new Stock("SLEEP-SYN-0",        WAREHOUSE,  15, 15, 0),
            new Stock("SLEEP-SYN-0",        STORE,       4,  4, 0),
            new Stock("SLEEP-KIDS",         WAREHOUSE,   9,  9, 0),
            new Stock("BOTTLE-TI-600",      WAREHOUSE,  10,  6, 0),   // four still in inspection
            new Stock("BOTTLE-TI-600",      STORE,       2,  2, 0),
            new Stock("BOTTLE-SS-750",      WAREHOUSE,  24, 24, 0),
            new Stock("BOTTLE-SS-750",      STORE,       6,  6, 0),
            new Stock("BOTTLE-SS-500",      WAREHOUSE,  18, 17, 1),   // one dented
            new Stock("BOTTLE-SS-500",      STORE,       5,  5, 0),
            new Stock("BOTTLE-TRITAN-1L",   WAREHOUSE,  30, 30, 0),
            new Stock("STOVE-GAS-MINI",     WAREHOUSE,  14, 14, 0),
            new Stock("STOVE-GAS-MINI",     STORE,       3,  3, 0),
            new Stock("STOVE-GAS-TWIN",     WAREHOUSE,   6,  5, 1),   // one with a cracked igniter
            new Stock("STOVE-ALC",          WAREHOUSE,   3,  3, 0),
            new Stock("GAS-OD-250",         WAREHOUSE,  48, 48, 0),
            new Stock("GAS-OD-250",         STORE,      12, 12, 0),
            new Stock("LAMP-HEAD-200",      WAREHOUSE,  20, 20, 0),
            new Stock("LAMP-HEAD-200",      STORE,       5,  5, 0),
            new Stock("LAMP-HEAD-400",      WAREHOUSE,  12, 12, 0),
            new Stock("LAMP-HEAD-400",      STORE,       3,  3, 0),
            new Stock("LAMP-LANTERN-LED",   WAREHOUSE,   8,  0, 0),   // arrived today, not inspected yet
            new Stock("CHAIR-LOW",          WAREHOUSE,  10, 10, 0),
            new Stock("CHAIR-LOW",          STORE,       2,  2, 0),
            new Stock("CHAIR-UL",           STORE,       3,  3, 0),   // sold at the store only, for now
            new Stock("CD-TSUKIYO-LTD",     WAREHOUSE,   2,  2, 0),
            new Stock("CD-TSUKIYO-SIGNED",  STORE,       1,  1, 0),
            new Stock("GAME-NX-CONSOLE",    WAREHOUSE,   8,  8, 0),
            new Stock("GAME-NX-CONSOLE",    STORE,       3,  3, 0),
            new Stock("GAME-NX-CTRL",       WAREHOUSE,  15, 15, 0),
            new Stock("GAME-NX-CTRL",       STORE,       4,  4, 0));
    // Deliberately without stock: TENT-2P-HOSHI, SLEEP-EXPD-M10, BOTTLE-SOFT-1L, STOVE-WOOD, LAMP-HEAD-800R.

    static final List<Expected> INBOUNDS = List.of(
            //           sku               location   qty  in days  purchase order
            new Expected("GAS-OD-250",     WAREHOUSE,  48,   5, "PO-DEMO-0101"),
            new Expected("TENT-2P-KAZE",   WAREHOUSE,   6,   5, "PO-DEMO-0102"),
            new Expected("TENT-2P-HOSHI",  WAREHOUSE,  10,  12, "PO-DEMO-0103"),
            new Expected("LAMP-HEAD-800R", WAREHOUSE,  12,  12, "PO-DEMO-0104"),
            new Expected("CHAIR-UL",       STORE,       4,  12, "PO-DEMO-0105"),
            new Expected("SLEEP-EXPD-M10", WAREHOUSE,   4,  30, "PO-DEMO-0106"));

    static final List<Keep> PROTECTIONS = List.of(
            //       kind          location   sku                qty  segment
            new Keep(STORE_KEEPS,  STORE,     "TENT-2P-SORA",     2, null),
            new Keep(STORE_KEEPS,  STORE,     "BOTTLE-SS-750",    2, null),
            new Keep(STORE_KEEPS,  STORE,     "LAMP-HEAD-400",    2, null),
            new Keep(STORE_KEEPS,  STORE,     "GAME-NX-CONSOLE",  2, null),
            new Keep(MEMBER_QUOTA, WAREHOUSE, "GAME-NX-CONSOLE",  5, "PREMIUM"));

    // Made last, through the reservation engine, once the rest is committed.
    static final List<Hold> RESERVATIONS = List.of(
            //       channel    sku                qty  holder (an order reference)         segment
            new Hold("AMAZON",  "CD-TSUKIYO-LTD",   2, "AMAZON 250-3141592-6535897 / 1",  null),
            new Hold("RAKUTEN", "TENT-2P-SORA",     1, "RAKUTEN 412783-0042 / 1",          null),
            new Hold("WEB",     "GAME-NX-CONSOLE",  1, "WEB ZK-000317 / 1",                "PREMIUM"));

    // Made after the orders: a time sale on the web shop, and customers waiting for a tent that is due in 12 days.
    static final List<DemoShop.Sale> DEALS = List.of(
            //                code              sku              channel price  qty days per customer
            new DemoShop.Sale("DEMO-TIMESALE",  "LAMP-HEAD-200", "WEB",  2_480, 10, 3,  2));

    static final List<DemoShop.Alert> ALERTS = List.of(
            new DemoShop.Alert("TENT-2P-HOSHI", "WEB", "hoshi.fan1@example.jp", "ja"),
            new DemoShop.Alert("TENT-2P-HOSHI", "WEB", "hoshi.fan2@example.jp", "ja"),
            new DemoShop.Alert("TENT-2P-HOSHI", "WEB", "camper.en@example.com", "en"),
            new DemoShop.Alert("LAMP-HEAD-800R", "WEB", "yoru.aruki@example.jp", "ja"));

    // ---- helpers that keep the product table above to one line per product ---------------------------------

    private static ProductDraft tent(String sku, String ja, String en, long price, int persons, int waterproofMm,
                                     int weightG, String season, String... tags) {
        return ProductDraft.of(sku, ja, en, "tent", price)
                .withPurposeTags(tags(List.of("camping", "tent"), tags))
                .withAttribute("capacity", Attribute.number(persons, "persons"))
                .withAttribute("waterproof rating", Attribute.number(waterproofMm, "mm"))
                .withAttribute("weight", Attribute.number(weightG, "g"))
                .withAttribute("season", Attribute.text(season))
                .withSupplier(YAMANAMI, YAMANAMI_DAYS);
    }

    private static ProductDraft sleepingBag(String sku, String ja, String en, long price, int comfortC, int weightG,
                                            String fill, String... tags) {
        return ProductDraft.of(sku, ja, en, "sleeping-bag", price)
                .withPurposeTags(tags(List.of("camping", "sleeping-bag"), tags))
                .withAttribute("comfort temperature", Attribute.number(comfortC, "°C"))
                .withAttribute("weight", Attribute.number(weightG, "g"))
                .withAttribute("fill", Attribute.text(fill))
                .withSupplier(YAMANAMI, YAMANAMI_DAYS);
    }

    private static ProductDraft bottle(String sku, String ja, String en, long price, int volumeMl, String material,
                                       int weightG, String... tags) {
        return ProductDraft.of(sku, ja, en, "bottle", price)
                .withPurposeTags(tags(List.of("hydration", "bottle"), tags))
                .withAttribute("volume", Attribute.number(volumeMl, "ml"))
                .withAttribute("material", Attribute.text(material))
                .withAttribute("weight", Attribute.number(weightG, "g"))
                .withSupplier(HOKUTO, HOKUTO_DAYS);
    }

    private static ProductDraft stove(String sku, String ja, String en, long price, int weightG, String fuel,
                                      String... tags) {
        return ProductDraft.of(sku, ja, en, "stove", price)
                .withPurposeTags(tags(List.of("cooking", "stove"), tags))
                .withAttribute("weight", Attribute.number(weightG, "g"))
                .withAttribute("fuel", Attribute.text(fuel))
                .withSupplier(KIRISHIMA, KIRISHIMA_DAYS);
    }

    private static ProductDraft light(String sku, String ja, String en, long price, int lumens, int weightG,
                                      String waterResistance, String power, String... tags) {
        return ProductDraft.of(sku, ja, en, "lighting", price)
                .withPurposeTags(tags(List.of("lighting"), tags))
                .withAttribute("brightness", Attribute.number(lumens, "lm"))
                .withAttribute("weight", Attribute.number(weightG, "g"))
                .withAttribute("water resistance", Attribute.text(waterResistance))
                .withAttribute("power", Attribute.text(power))
                .withSupplier(HOKUTO, HOKUTO_DAYS);
    }

    private static String[] tags(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
