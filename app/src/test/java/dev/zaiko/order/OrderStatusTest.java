package dev.zaiko.order;

import static dev.zaiko.order.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void theOrdersStatusDerivesFromItsLines() {
        assertThat(ofOrder(List.of())).isEqualTo(CANCELLED);
        assertThat(ofOrder(List.of(CANCELLED, CANCELLED))).isEqualTo(CANCELLED);
        assertThat(ofOrder(List.of(SHIPPED, CANCELLED))).isEqualTo(SHIPPED);
        assertThat(ofOrder(List.of(SHIPPED, BACKORDERED))).isEqualTo(PARTIALLY_SHIPPED);
        assertThat(ofOrder(List.of(ALLOCATED, AWAITING_CUSTOMER, BACKORDERED))).isEqualTo(AWAITING_CUSTOMER);
        assertThat(ofOrder(List.of(ALLOCATED, BACKORDERED))).isEqualTo(BACKORDERED);
        assertThat(ofOrder(List.of(ALLOCATED, PICKING))).isEqualTo(PICKING);
        assertThat(ofOrder(List.of(ALLOCATED, ALLOCATED, CANCELLED))).isEqualTo(ALLOCATED);
        assertThat(ofOrder(List.of(ALLOCATED, PLACED))).isEqualTo(PLACED);
    }
}
