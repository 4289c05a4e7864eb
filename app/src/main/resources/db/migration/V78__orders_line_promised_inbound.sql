-- The inbound a BACKORDERED line is promised (inventory_inbound.id; no foreign key across modules):
-- the line counts against that inbound's units until it leaves BACKORDERED (filled, short, cancelled).
alter table orders_line add column promised_inbound_id bigint;
create index orders_line_promised_inbound on orders_line (promised_inbound_id)
    where status = 'BACKORDERED' and promised_inbound_id is not null;
