-- Secrets at rest (platform.SecretBox, docs/security.md): the secrets a module must read back are
-- stored encrypted ('v1:' + base64 of AES-256-GCM nonce, ciphertext and tag). The schema changes
-- here; the Java migrations 26.1 to 26.5 (one per module, Spring beans because they need the key)
-- encrypt the rows that were already there, once, in Flyway's transaction.

-- The first start with a key stores a known text sealed with it; every later start opens it, so a
-- wrong key stops the start with a clear message (platform.SecretsKeyCheck).
create table platform_secrets_key (
    key_id      text primary key,
    check_value text not null,
    created_at  timestamptz not null
);

-- refund: the account number and the holder's name are sealed; bank, branch and type stay plain
-- (they make the masked view). The number's form is checked before it is sealed (payment.BankAccount).
alter table refund_bank_account drop constraint refund_bank_account_number_check;

-- contact, order: the link-signing keys are sealed text instead of raw bytes (base64 until 26.4/26.5 seal them).
alter table contact_secret alter column value type text using encode(value, 'base64');
alter table orders_secret alter column value type text using encode(value, 'base64');
