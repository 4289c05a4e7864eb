package dev.zaiko.marketplace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The marketplace module's calls: files downloaded as bytes, CSV bodies posted as bytes. */
class MarketplaceApi extends ShopApi {

    static final Charset SHIFT_JIS = Charset.forName("Windows-31J");

    private final HttpClient http = HttpClient.newHttpClient();

    MarketplaceApi(int port) {
        super(port);
    }

    record Download(int status, String contentType, String disposition, byte[] body) {
    }

    Download download(String path) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Content-Disposition").orElse(""), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response postCsv(String path, byte[] body) {
        return postCsv(path, body, "text/csv");
    }

    Response postCsv(String path, byte[] body, String contentType) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", contentType).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), null, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<List<String>> parse(String text, char separator) {
        List<List<String>> rows = new ArrayList<>();
        for (CsvRecord r : CsvReader.builder().fieldSeparator(separator).ofCsvRecord(text)) rows.add(r.getFields());
        return rows;
    }

    String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        ok(post("/api/products", body));
        return sku;
    }

    int ats(String sku, String channel) {
        return ok(get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    JsonNode level(String sku, String location) {
        for (JsonNode l : ok(get("/api/stock/" + sku)).path("locations")) {
            if (l.path("location").asString().equals(location)) return l;
        }
        return JSON.createObjectNode().put("sellable", 0).put("reserved", 0);
    }

    void channel(String code, String kind, String... locations) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("kind", kind).put("name", "Channel " + code)
                .put("online", true);
        for (String l : locations) body.withArray("locations").add(l);
        ok(post("/api/channels", body));
    }
}
