package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.zaiko.contact.ContactApi;
import dev.zaiko.contact.ContactApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The call knowledge base fed by the real shop: an order, a unit found defective at packing, a call with
 * what helped and what hurt, and the same customer ordering again; the events reach insight after their
 * commits, and the search and the approaches show the call with the kept customer.
 */
class CallKnowledgeThroughTheShopTest extends ContactApiTestBase {

    @Test
    void aCallRecordedAtTheDeskIsFoundByItsTagWithItsCaseAndTheCustomerKept() {
        String tag = "e2e " + UUID.randomUUID().toString().substring(0, 8);
        String email = ContactApi.uniqueEmail();
        String sku = api.tent(shop, 1);
        String number = api.place(ContactApi.order(shop.web(), email, "090-3333-0000", "ja", sku, 1, 19800));
        String caseId = api.defective(number, 1);
        api.desk(caseId);
        ObjectNode call = ContactApi.outcome("NO_ANSWER").put("lesson", "夕方なら出てくださる");
        call.putArray("helped").add(tag);
        call.putArray("hurt").add("待たせた");
        api.ok(api.call(caseId, call));
        String again = api.tent(shop, 1);
        api.place(ContactApi.order(shop.web(), email.toUpperCase(), null, "ja", again, 1, 19800));

        JsonNode row = await("the call in the knowledge base").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode items = api.ok(api.get("/api/insight/calls?tag=" + tag.replace(" ", "%20"))).path("items");
                    return items.size() == 1 && items.get(0).path("kept").asBoolean(false) ? items.get(0) : null;
                }, r -> r != null);

        assertThat(row.path("caseId").asString()).isEqualTo(caseId);
        assertThat(row.path("orderNumber").asString()).isEqualTo(number);
        assertThat(row.path("sku").asString()).isEqualTo(sku);
        assertThat(row.path("reason").asString()).isEqualTo("INSPECTION_DEFECT");
        assertThat(row.path("kind").asString()).isEqualTo("CALL");
        assertThat(row.path("outcome").asString()).isEqualTo("NO_ANSWER");
        assertThat(row.path("hurt").toString()).isEqualTo("[\"待たせた\"]");
        assertThat(row.path("lesson").asString()).isEqualTo("夕方なら出てくださる");

        JsonNode approaches = api.ok(api.get("/api/insight/calls/approaches"));
        JsonNode found = null;
        for (JsonNode r : approaches.path("reasons")) {
            for (JsonNode a : r.path("helped")) {
                if (a.path("tag").asString().equals(tag)) found = a;
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.path("cases").asInt()).isEqualTo(1);
        assertThat(found.path("kept").asInt()).isEqualTo(1);
        assertThat(found.path("keptShare").asDouble()).isEqualTo(1.0);
    }
}
