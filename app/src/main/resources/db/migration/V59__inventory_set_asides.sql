-- Set-asides: units taken out of a channel's pool for something that sells them on its own terms
-- (a deal's quantity). A set-aside is a kept reservation; reservations drawn from it take its
-- units part by part (the set-aside's part ends DRAWN or shrinks), and a drawn reservation
-- released while the set-aside is in force gives its units back to it. docs/reservations.md.
create table inventory_set_aside (
    id         uuid primary key,
    sku        text not null,
    created_at timestamptz not null,
    ended_at   timestamptz
);

alter table inventory_reservation add column drawn_from uuid;
create index inventory_reservation_drawn_from on inventory_reservation (drawn_from) where drawn_from is not null;

alter table inventory_reservation drop constraint inventory_reservation_status_check;
alter table inventory_reservation add constraint inventory_reservation_status_check
    check (status in ('OPEN', 'RELEASED', 'COMMITTED', 'DISPLACED', 'DEFECTIVE', 'DRAWN'));
