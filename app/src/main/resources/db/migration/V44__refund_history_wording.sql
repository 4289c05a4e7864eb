-- Console texts from the message bundles (issue 15), refunds: a refund history row keeps its note as
-- a bundle key and its arguments, worded when it is read in the reader's language. note keeps the
-- English wording (older rows: their only text).
alter table refund_history
    add column note_code text,
    add column note_args jsonb check (note_args is null or jsonb_typeof(note_args) = 'array');
