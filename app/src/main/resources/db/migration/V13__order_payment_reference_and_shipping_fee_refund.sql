-- Orders: the payment provider's id for the payment (refunds and voids name the payment by it),
-- and when the shop gave the shipping fee back (every line cancelled, or an express promise it
-- cannot keep): at most once per order, so the refund module's request for it is one too.

alter table orders_order add column payment_reference text;
alter table orders_order add column shipping_fee_refunded_at timestamptz;
