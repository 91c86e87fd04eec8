-- A link to choose a password, e-mailed to a person's sign-in address: asked for at the sign-in page by a person who
-- forgot theirs (good for an hour), or sent with the invitation of a person just added (good for 7 days). It works
-- once, and a newer link replaces it.
CREATE TABLE password_resets (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
COMMENT ON TABLE password_resets IS 'The last link e-mailed to a person to choose a password: SHA-256 of its secret; deleted once used.';
