-- Runs once, as the image's superuser, when the database volume is first initialised.
-- The hub connects as `hub`, which owns its database but is no superuser; the extensions it
-- needs are created here because `vector` can only be installed by a superuser.

CREATE ROLE hub LOGIN PASSWORD 'hub' NOSUPERUSER NOCREATEDB NOCREATEROLE;
ALTER DATABASE hub OWNER TO hub;

\connect hub

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
