-- A backordered line waiting too long is announced once (BackorderAged): the line remembers when.
-- How long it has waited comes from its status history (the last change to BACKORDERED).

alter table orders_line add column backorder_aged_at timestamptz;

-- the hourly look for aged lines reads only the waiting ones not yet announced
create index orders_line_backordered_unannounced on orders_line (order_number, line_no)
    where status = 'BACKORDERED' and backorder_aged_at is null;
