-- What the operator found calmed the customer (helped) and what made it worse (hurt), as short lower-case
-- tags, and one line for the next colleague: the call knowledge base (docs/contact-desk.md, insight).
alter table contact_interaction
    add column helped text[] not null default '{}',
    add column hurt   text[] not null default '{}',
    add column lesson text check (char_length(lesson) <= 200);
