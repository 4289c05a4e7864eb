-- A product's JAN code (JAN/EAN-13 or JAN-8/EAN-8, digits with a valid GS1 check digit), optional.
-- Unique across products when given: matching a platform's item list by JAN must find one product.
alter table catalog_product add column jan text;

create unique index catalog_product_jan on catalog_product (jan) where jan is not null;
