-- A console user's optional email address (lower-cased); supervisors and admins with one get the monthly report.
alter table access_user add column email text;
