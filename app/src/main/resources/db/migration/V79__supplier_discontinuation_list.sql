-- A maker's discontinuation list, applied as a whole (docs/discontinuations.md): who applied which
-- file when, and each of its rows with the product it named. Owned by the supplier module.
create table supplier_discontinuation_list (
    id            bigint generated always as identity primary key,
    file_name     text,
    applied_by    text not null,
    applied_at    timestamptz not null,
    row_count     int  not null check (row_count >= 0),
    product_count int  not null check (product_count >= 0),
    -- products this list discontinued (the others were discontinued already)
    newly_discontinued int not null check (newly_discontinued >= 0),
    -- BACKORDERED lines that became stockout cases when it was applied
    cases_opened  int  not null check (cases_opened >= 0)
);

create index supplier_discontinuation_list_applied on supplier_discontinuation_list (applied_at desc, id desc);

create table supplier_discontinuation_row (
    list_id  bigint not null references supplier_discontinuation_list (id),
    row_no   int    not null check (row_no >= 1),
    sku      text,           -- as written in the file (blank: null)
    jan      text,
    note     text,
    product  text   not null, -- the SKU the row resolved to
    warning  text,           -- e.g. already-discontinued
    primary key (list_id, row_no)
);
