-- Issue 19: an order carries the buyer's member segment (its reservations may take units a
-- MEMBER_QUOTA protection keeps for it); a channel has a default hold for carts.
alter table orders_order add column customer_segment varchar(64);

-- POST /api/reservations without holdFor is held this long on the channel; null: the shop's default
-- (zaiko.inventory.reservation-hold)
alter table inventory_channel add column cart_hold interval
    check (cart_hold is null or (cart_hold >= interval '1 second' and cart_hold <= interval '7 days'));
