-- Scheduled jobs run once per schedule across all hub instances: a tick runs its job only when it can take the
-- job's row here (ShedLock's table layout), which then stays taken for most of the job's period.
CREATE TABLE scheduled_job_locks (
    name       VARCHAR(64)  PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

COMMENT ON TABLE scheduled_job_locks IS 'one row per schedule (timer name): which instance ran it last and until when no other may';
