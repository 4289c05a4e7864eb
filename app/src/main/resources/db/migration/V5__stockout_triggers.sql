-- Stockout triggers: units found defective at packing close their reservation part as
-- DEFECTIVE; an inbound remembers what actually arrived (or that the supplier cancelled).

alter table inventory_reservation drop constraint inventory_reservation_status_check;
alter table inventory_reservation add constraint inventory_reservation_status_check
    check (status in ('OPEN', 'RELEASED', 'COMMITTED', 'DISPLACED', 'DEFECTIVE'));

alter table inventory_inbound add column arrived_quantity int check (arrived_quantity >= 0);
alter table inventory_inbound add column closed_at timestamptz;
alter table inventory_inbound add constraint inventory_inbound_arrival_check
    check ((status = 'ARRIVED') = (arrived_quantity is not null));
