-- The shop's calendar moved from the contact module to the shop module (issue 15): its tables
-- take the shop_ prefix, and its version number gets a table of its own so that no table is
-- written by two modules. Renames keep every row; the version carries over, so a node that
-- cached the calendar reloads it once and no more.

alter table contact_calling_hours rename to shop_calling_hours;
alter index contact_calling_hours_pkey rename to shop_calling_hours_pkey;
alter table contact_closed_days rename to shop_closed_days;
alter index contact_closed_days_pkey rename to shop_closed_days_pkey;

create table shop_settings_version (
    name     text primary key check (name in ('calendar')),
    version  bigint not null
);
insert into shop_settings_version (name, version)
select name, version from contact_settings_version where name = 'calendar';
insert into shop_settings_version (name, version) values ('calendar', 0) on conflict (name) do nothing;

delete from contact_settings_version where name = 'calendar';
alter table contact_settings_version drop constraint contact_settings_version_name_check;
alter table contact_settings_version add constraint contact_settings_version_name_check check (name in ('tone'));
