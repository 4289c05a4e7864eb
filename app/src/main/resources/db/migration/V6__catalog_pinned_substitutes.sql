-- Substitutes the shop names for a product, in the order it prefers them. They are offered
-- first when the product is missing, ahead of what Zaiko finds by category and purpose.

create table catalog_pinned_substitute (
    sku             text not null references catalog_product (sku),
    substitute_sku  text not null references catalog_product (sku),
    position        int  not null check (position >= 1),
    primary key (sku, substitute_sku),
    constraint catalog_pinned_substitute_position_key unique (sku, position),
    constraint catalog_pinned_substitute_not_itself check (sku <> substitute_sku)
);

-- Substitute search asks "same category, serving a purpose of the missing product".
create index catalog_product_category_status on catalog_product (category, status);
