package dev.zaiko.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.catalog.DefiningAttributes.Definition;
import dev.zaiko.catalog.Product.Name;

/**
 * The demo's attribute dictionary: every attribute key and text value the demo products use
 * ({@link StandardDemoShop}), named in Japanese and English.
 */
final class DemoAttributes {

    private DemoAttributes() {
    }

    static final Map<String, Definition> ATTRIBUTES = build();

    private static Map<String, Definition> build() {
        Map<String, Definition> a = new LinkedHashMap<>();
        a.put("capacity", new Definition(n("定員", "Capacity"), n("人", "persons"), Map.of()));
        a.put("waterproof rating", new Definition(n("耐水圧", "Waterproof rating"), n("mm", "mm"), Map.of()));
        a.put("weight", new Definition(n("重さ", "Weight"), n("g", "g"), Map.of()));
        a.put("season", new Definition(n("対応シーズン", "Season"), null, Map.of(
                "3-season", n("3シーズン", "3-season"), "4-season", n("4シーズン", "4-season"))));
        a.put("comfort temperature", new Definition(n("快適温度", "Comfort temperature"), n("°C", "°C"), Map.of()));
        a.put("fill", new Definition(n("中綿", "Fill"), null, Map.of(
                "down 800FP", n("ダウン 800FP", "down 800FP"), "down 900FP", n("ダウン 900FP", "down 900FP"),
                "synthetic", n("化繊", "synthetic"))));
        a.put("volume", new Definition(n("容量", "Volume"), n("ml", "ml"), Map.of()));
        a.put("material", new Definition(n("素材", "Material"), null, Map.of(
                "titanium", n("チタン", "titanium"), "stainless steel", n("ステンレス", "stainless steel"),
                "TPU", n("TPU", "TPU"), "Tritan", n("トライタン", "Tritan"))));
        a.put("fuel", new Definition(n("燃料", "Fuel"), null, Map.of(
                "OD gas cartridge", n("OD缶（アウトドア用ガス）", "OD gas cartridge"),
                "CB gas cartridge", n("CB缶（カセットガス）", "CB gas cartridge"),
                "alcohol", n("アルコール", "alcohol"), "wood", n("木（薪・小枝）", "wood"))));
        a.put("net weight", new Definition(n("内容量", "Net weight"), n("g", "g"), Map.of()));
        a.put("burners", new Definition(n("バーナー数", "Burners"), null, Map.of()));
        a.put("output", new Definition(n("出力", "Output"), n("W", "W"), Map.of()));
        a.put("brightness", new Definition(n("明るさ", "Brightness"), n("ルーメン", "lm"), Map.of()));
        a.put("water resistance", new Definition(n("防水性能", "Water resistance"), null, Map.of()));
        a.put("power", new Definition(n("電源", "Power"), null, Map.of(
                "AAA x1", n("単4電池 1本", "AAA x1"), "AAA x3", n("単4電池 3本", "AAA x3"),
                "USB-C battery", n("充電池（USB-C）", "USB-C rechargeable battery"))));
        a.put("load capacity", new Definition(n("耐荷重", "Load capacity"), n("kg", "kg"), Map.of()));
        a.put("format", new Definition(n("形態", "Format"), null, Map.of(
                "CD", n("CD", "CD"), "CD+Blu-ray", n("CD＋Blu-ray", "CD + Blu-ray"))));
        a.put("edition", new Definition(n("仕様", "Edition"), null, Map.of(
                "limited first press", n("初回限定盤", "limited first press"),
                "signed by the band, one copy", n("メンバー直筆サイン入り（1点限り）", "signed by the band, one copy"))));
        a.put("tracks", new Definition(n("収録曲数", "Tracks"), n("曲", "tracks"), Map.of()));
        return a;
    }

    private static Name n(String ja, String en) {
        return new Name(ja, en);
    }
}
