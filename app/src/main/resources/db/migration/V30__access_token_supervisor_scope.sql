-- A token may carry a supervisor's authority (calling hours, closed days, tone phrases, escalated
-- cases), the same a SUPERVISOR user has in the console, without being an admin token.
alter table access_token drop constraint access_token_scope_check;
alter table access_token add constraint access_token_scope_check
    check (scope in ('READ', 'WRITE', 'SUPERVISOR', 'ADMIN'));
