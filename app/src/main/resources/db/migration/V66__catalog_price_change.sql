-- Every price a product has had, from its creation on (catalog.PriceHistory, GET /api/products/{sku}/price-history).
-- One row per change of price; a change that keeps the price adds none.
create table catalog_price_change (
    id          bigint generated always as identity primary key,
    sku         text        not null,
    -- JPY in whole yen, as catalog_product.price
    price       bigint      not null check (price >= 0),
    currency    text        not null check (currency ~ '^[A-Z]{3}$'),
    changed_at  timestamptz not null,
    -- who changed it: "user:sato", "token:shopify-sync", "system"
    changed_by  text        not null
);
create index catalog_price_change_sku on catalog_price_change (sku, changed_at);

-- Products registered before prices were kept: their current price, since they were created.
insert into catalog_price_change (sku, price, currency, changed_at, changed_by)
select sku, price, 'JPY', created_at, 'system'
from catalog_product;
