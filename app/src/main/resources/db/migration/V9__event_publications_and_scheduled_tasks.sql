-- Platform plumbing, owned by no business module.
--
-- 1. Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.1.1, schema v2
--    for PostgreSQL, copied unchanged from schemas/v2/schema-postgresql.sql in its jar). Every
--    after-commit module listener gets a row when its event is published, in the publisher's
--    transaction; the row is completed when the listener has run, and stays incomplete (to be
--    resubmitted) when it failed or never ran. Created here, not by Modulith's own schema
--    initialisation (spring.modulith.events.jdbc.schema-initialization.enabled=false).
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

-- 2. db-scheduler's executions (16.x, PostgreSQL; the DDL of the db-scheduler repository). One
--    row per scheduled execution; an instance picks a due row under a row lock, so each runs once
--    across instances, and rows outlive restarts.
create table scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked BOOLEAN not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures INT,
  last_heartbeat timestamp with time zone,
  version BIGINT not null,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
