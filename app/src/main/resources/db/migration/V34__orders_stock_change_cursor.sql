-- How far the order module has read the inventory's stock change journal (inventory_stock_change,
-- V32) for releases that may have let waiting backorders be filled: one row. position is the
-- journal position (a transaction id horizon, see V32) up to which every SKU whose sellable stock
-- may have risen has had its backordered lines filled; it moves only after those fills. No foreign
-- key: the journal belongs to inventory, this cursor to order.
create table orders_stock_change_cursor (
    id         smallint primary key check (id = 1),
    position   bigint      not null,
    updated_at timestamptz not null
);
insert into orders_stock_change_cursor (id, position, updated_at) values (1, 0, now());
