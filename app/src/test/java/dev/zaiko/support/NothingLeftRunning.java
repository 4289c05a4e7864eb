package dev.zaiko.support;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a test of holds, deals or restock alerts must not leave behind in the application the whole
 * suite shares: people waiting for a unit, deals still selling and holds still open. Any of them
 * wakes up when a later test moves the clock and runs the sweep, or changes stock: a notice with a
 * hold, an offer to a waitlist, written while that later test checks that its refused request
 * changed nothing. Called after each such test; the suite's tests run one at a time.
 */
public final class NothingLeftRunning {

    private NothingLeftRunning() {
    }

    public static void settle(ShopApi api, JdbcTemplate jdbc) {
        // nobody waits any more: a unit that comes back below is nobody's news
        jdbc.update("update restock_subscription set status = 'UNSUBSCRIBED' where status in ('PENDING', 'WAITING')");
        jdbc.update("update deal_waitlist_entry set status = 'LEFT' where status = 'WAITING'");
        // deals stop selling: their units are regular stock again, through the deal module as staff would
        for (String code : jdbc.queryForList("select code from deal_deal where status in ('LIVE', 'PAUSED')",
                String.class)) {
            api.post("/api/deals/" + code + "/end", ShopApi.JSON.createObjectNode());
        }
        for (String code : jdbc.queryForList("select code from deal_deal where status = 'PLANNED'", String.class)) {
            api.post("/api/deals/" + code + "/cancel", ShopApi.JSON.createObjectNode());
        }
        // holds still open go back now, not when some later test's sweep finds them
        List<UUID> held = jdbc.queryForList("select distinct h.id from inventory_reservation_hold h "
                + "join inventory_reservation r on r.id = h.id and r.status = 'OPEN'", UUID.class);
        for (UUID id : held) api.post("/api/reservations/" + id + "/release", ShopApi.JSON.createObjectNode());
    }
}
