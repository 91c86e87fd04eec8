-- The organisation's owner can hear of its alerts (quota, failures) where the contact_owner tool reaches them:
-- the organisation's Slack incoming webhook, worded in its chatbot's language.
ALTER TABLE organizations ADD COLUMN notify_alerts boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN organizations.notify_alerts IS 'Post the organisation''s new alerts to its Slack webhook too (with notification_method slack).';
