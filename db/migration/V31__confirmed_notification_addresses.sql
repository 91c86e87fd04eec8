-- The hub e-mails an organisation's notices only to an address someone confirmed by opening the link the hub sent
-- there: an organisation cannot make the operator's mail server write to addresses that never asked for it.
CREATE TABLE email_confirmations (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email text NOT NULL CHECK (email = lower(email)),
    token_hash bytea,
    requested_at timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz,
    PRIMARY KEY (organization_id, email)
);
CREATE UNIQUE INDEX email_confirmations_token ON email_confirmations (token_hash) WHERE token_hash IS NOT NULL;
COMMENT ON TABLE email_confirmations IS 'Addresses an organisation''s notices may be e-mailed to: confirmed once the link sent there is opened.';
COMMENT ON COLUMN email_confirmations.email IS 'The address, lower case.';
COMMENT ON COLUMN email_confirmations.token_hash IS 'SHA-256 of the secret in the last link sent; null once confirmed.';
COMMENT ON COLUMN email_confirmations.requested_at IS 'When the last link was sent; a link is good for 7 days.';
