-- A connector whose credentials the platform refused (ConnectorException.Unauthorized: also after a
-- token refresh) needs a person to renew them: when that last happened, cleared by the next call that
-- worked and by setting the account again. The console's dashboard warns about it.
alter table connector_account add column credentials_refused_at timestamptz;
