-- A stockout decision can split a line (the units still there stay on it, the short units get a
-- line of their own), substitute another product, or fulfil a line from outside the channel's
-- pool: a drop shipment by the supplier or a transfer from another store or warehouse.

alter table orders_line add column from_line int check (from_line >= 1);
alter table orders_line add column fulfilment_route text check (fulfilment_route in ('DROP_SHIP', 'TRANSFER'));
alter table orders_line add column fulfilment_source text;
alter table orders_line add constraint orders_line_fulfilment_check
    check ((fulfilment_route is null) = (fulfilment_source is null));
