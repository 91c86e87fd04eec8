-- The console's people and sessions: users sign in with e-mail and password, as owner or agent of their
-- organisation; failed sign-ins are counted per e-mail address; sessions live in PostgreSQL (Spring Session
-- JDBC), so every hub instance knows every session.

-- Roles: owner (everything, settings included) and agent (conversations, knowledge, agent, usage).
-- The earlier roles are folded into the two: admin was an owner, member and viewer were agents.
UPDATE users SET role = 'owner' WHERE role = 'admin';
UPDATE users SET role = 'agent' WHERE role IN ('member', 'viewer');
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('owner', 'agent'));
ALTER TABLE users ALTER COLUMN role SET DEFAULT 'agent';

-- password_hash: Spring Security's DelegatingPasswordEncoder format ({bcrypt}...); NULL: cannot sign in.
-- must_change_password: set for an initial password someone else chose; the session may only change it.
ALTER TABLE users ADD COLUMN password_hash text,
                  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
-- an address is one person whatever its letter case
CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));

-- Consecutive failed sign-ins per e-mail address (known or not, so the answers do not tell which addresses
-- exist); an address that reaches the limit is locked until locked_until. A successful sign-in deletes its row.
CREATE TABLE sign_in_failures (
    email        text PRIMARY KEY CHECK (email = lower(email)),
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_updated_at_idx ON sign_in_failures (updated_at);

-- Spring Session JDBC's schema for PostgreSQL, as spring-session-jdbc ships it (schema-postgresql.sql)
CREATE TABLE SPRING_SESSION (
	PRIMARY_ID CHAR(36) NOT NULL,
	SESSION_ID CHAR(36) NOT NULL,
	CREATION_TIME BIGINT NOT NULL,
	LAST_ACCESS_TIME BIGINT NOT NULL,
	MAX_INACTIVE_INTERVAL INT NOT NULL,
	EXPIRY_TIME BIGINT NOT NULL,
	PRINCIPAL_NAME VARCHAR(100),
	CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
	SESSION_PRIMARY_ID CHAR(36) NOT NULL,
	ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
	ATTRIBUTE_BYTES BYTEA NOT NULL,
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
);
