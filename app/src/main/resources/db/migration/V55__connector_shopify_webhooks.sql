-- Shopify's order webhooks (orders/create, orders/cancelled, orders/updated), as received: each
-- delivery is stored once per (channel, X-Shopify-Webhook-Id) before Shopify is answered, and
-- processed afterwards by a durable job (one execution per row id). A delivery heard again (Shopify
-- retries, a replay) finds its row and records nothing new. processed_at stays null until the job
-- has taken the order; outcome is ImportingOrders' word for it (RECORDED, ALREADY_RECORDED, KEPT,
-- CANCELLED, IGNORED) or UNREADABLE / NO_CONNECTOR.
create table connector_shopify_webhook (
    id           bigserial   primary key,
    channel      text        not null,
    webhook_id   text        not null,
    topic        text        not null,
    received_at  timestamptz not null,
    body         text        not null,
    processed_at timestamptz,
    outcome      text,
    unique (channel, webhook_id)
);

create index connector_shopify_webhook_unprocessed on connector_shopify_webhook (id) where processed_at is null;
