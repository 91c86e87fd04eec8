-- notify_hub_event runs in the triggers of every stored message and every contact update (three times per answered
-- message). As a SQL function called from PL/pgSQL it was parsed and planned again on each call; in PL/pgSQL its
-- query plan is kept by the session. Same behaviour: a notification only while the organisation is watched.
CREATE OR REPLACE FUNCTION notify_hub_event(p_organization_id uuid, p_event text, p_fields jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM watched_organizations w
                WHERE w.organization_id = p_organization_id AND w.watched_until > now()) THEN
        PERFORM pg_notify('hub_events',
                          (jsonb_build_object('organization_id', p_organization_id, 'event', p_event) || p_fields)::text);
    END IF;
END
$$;
