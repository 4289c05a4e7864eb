-- Catalog: the products a shop sells and the facts other modules read about them.

create table catalog_product (
    sku                  text primary key check (sku ~ '^[A-Z0-9][A-Z0-9._-]{1,63}$'),
    name_ja              text not null check (btrim(name_ja) <> ''),
    name_en              text not null check (btrim(name_en) <> ''),
    category             text not null check (btrim(category) <> ''),
    purpose_tags         text[] not null default '{}',
    -- NAME -> {"value": number or text, "unit"?: text}; an object so that a query can ask
    -- for one attribute by name (attributes -> 'capacity').
    attributes           jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
    -- JPY in whole yen: the currency has no minor unit.
    price                bigint not null check (price >= 0),
    status               text not null check (status in ('ACTIVE', 'DISCONTINUED')),
    one_of_a_kind        boolean not null,
    low_stock_threshold  int not null check (low_stock_threshold >= 0),
    backorderable        boolean not null,
    supplier             text,
    lead_time_days       int check (lead_time_days >= 0),
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);

create index catalog_product_category on catalog_product (category, sku);
-- Substitute search asks "which products serve any of these purposes".
create index catalog_product_purpose_tags on catalog_product using gin (purpose_tags);
