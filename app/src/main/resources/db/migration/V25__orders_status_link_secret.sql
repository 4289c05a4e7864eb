-- The key that signs customers' order status links (order.OrderStatusLinks) when
-- zaiko.orders.status-link-secret is not set: made once, shared by every instance on the
-- database and kept across restarts, so a link sent last month still opens.
create table orders_secret (
    name        text primary key,
    value       bytea not null,
    created_at  timestamptz not null
);
