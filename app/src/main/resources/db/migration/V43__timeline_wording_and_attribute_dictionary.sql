-- Console texts from the message bundles (issue 15).

-- stockout: a status change keeps why it happened as a bundle key and its arguments, worded when it
-- is read in the reader's language. reason keeps the English wording (older rows: their only text).
alter table stockout_status_history
    add column reason_code text,
    add column reason_args jsonb check (reason_args is null or jsonb_typeof(reason_args) = 'array');

-- catalog: the attribute dictionary. A product attribute's key (as in catalog_product.attributes)
-- gets a name and unit in Japanese and English, and a text value its wording in both languages.
-- A key without an entry reads as itself.
create table catalog_attribute (
    attribute   text primary key check (btrim(attribute) <> ''),
    name_ja     text not null check (btrim(name_ja) <> ''),
    name_en     text not null check (btrim(name_en) <> ''),
    unit_ja     text,
    unit_en     text,
    updated_at  timestamptz not null
);

create table catalog_attribute_value (
    attribute  text not null references catalog_attribute (attribute) on delete cascade,
    value      text not null check (btrim(value) <> ''),
    text_ja    text not null check (btrim(text_ja) <> ''),
    text_en    text not null check (btrim(text_en) <> ''),
    primary key (attribute, value)
);
