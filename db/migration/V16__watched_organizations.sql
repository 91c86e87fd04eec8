-- Live events only for organisations someone is watching: every NOTIFY takes PostgreSQL's notification lock
-- at commit, which the pipeline should not pay for organisations without an open console. An instance with an
-- open event stream of the organisation keeps its row fresh (on opening, then at every heartbeat).

CREATE TABLE watched_organizations (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    watched_until   timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION notify_hub_event(p_organization_id uuid, p_event text, p_fields jsonb) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_notify('hub_events', (jsonb_build_object('organization_id', p_organization_id, 'event', p_event) || p_fields)::text)
     WHERE EXISTS (SELECT 1 FROM watched_organizations w
                    WHERE w.organization_id = p_organization_id AND w.watched_until > now())
$$;
