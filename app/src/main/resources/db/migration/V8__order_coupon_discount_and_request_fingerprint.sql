-- Orders: the coupon's discount in yen (the refund module restores it), and the fingerprint of
-- the request an order was placed with, so that a replay of (channel, external_ref) with a
-- different body is refused instead of silently answered with the first order.
-- Orders recorded before this migration have no fingerprint: their replays are answered as before.

alter table orders_order add column coupon_discount bigint not null default 0 check (coupon_discount >= 0);
alter table orders_order add constraint orders_order_coupon_discount_needs_code
    check (coupon_discount = 0 or coupon_code is not null);

-- request_hash: SHA-256 (hex) of request_form, the request's canonical form (see docs/orders.md);
-- personal values in the form are digests, never the values themselves
alter table orders_order add column request_hash text check (request_hash ~ '^[0-9a-f]{64}$');
alter table orders_order add column request_form text;
alter table orders_order add constraint orders_order_request_fingerprint_check
    check ((request_hash is null) = (request_form is null));
