-- A person who forgot their password asks for a link at the sign-in page: the hub e-mails one to the person's sign-in
-- address, good for an hour and once; a newer link replaces it.
CREATE TABLE password_resets (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    requested_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE password_resets IS 'The last password-reset link e-mailed to a person: SHA-256 of its secret; deleted once used.';
