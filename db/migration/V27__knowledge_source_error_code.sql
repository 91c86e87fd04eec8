-- Why a knowledge source failed, as a stable code next to the message written for its owner: a console shows it
-- in the person's language, a program can branch on it. Sources that failed before have none (the message stays).
ALTER TABLE knowledge_sources ADD COLUMN error_code text;
