-- Reservations that expire unless their holder claims, extends, commits or releases them
-- (docs/reservations.md, "Holds: no reservation is ever stranded"). One row per held
-- reservation: an API client's hold, or an order's reservation until the order that made it is
-- recorded (the order's transaction deletes the row: the claim). A reservation without a row here
-- is kept until its owner closes it. Rows of reservations closed meanwhile are deleted by the
-- engine or, at the latest, by the sweep once they expire.
create table inventory_reservation_hold (
    id          uuid primary key,
    sku         text not null,
    expires_at  timestamptz not null
);
create index inventory_reservation_hold_expiry on inventory_reservation_hold (expires_at);
