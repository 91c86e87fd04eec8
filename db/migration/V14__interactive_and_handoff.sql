-- A person on request: the text a customer is told when the agent hands the conversation to a person,
-- within and outside the chatbot's business hours (per weekday, in the chatbot's time zone).

ALTER TABLE chatbots
    ADD COLUMN handoff_message text NOT NULL DEFAULT
        'Te comunico con una persona de nuestro equipo; te responderá en breve. / I''m passing you to a person on our team; they will answer shortly.',
    ADD COLUMN handoff_message_closed text NOT NULL DEFAULT
        'Te comunico con una persona de nuestro equipo. Ahora estamos fuera de horario: te responderemos a partir del {date} a las {time} ({time_zone}). / I''m passing you to a person on our team. We are closed now: we will answer from {date} at {time} ({time_zone}).',
    ADD COLUMN business_hours jsonb CHECK (business_hours IS NULL OR jsonb_typeof(business_hours) = 'object'),
    ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';
COMMENT ON COLUMN chatbots.handoff_message IS 'Told the customer when the agent hands the conversation to a person (handoff_to_human) within business hours.';
COMMENT ON COLUMN chatbots.handoff_message_closed IS 'Told the customer on a handoff outside business hours; {date}, {time} and {time_zone} say when the next opening is.';
COMMENT ON COLUMN chatbots.business_hours IS 'When a person answers: {"mon":"09:00-18:00", ...} (mon..sun, one range a day, absent = closed) in time_zone; null = always.';
COMMENT ON COLUMN chatbots.time_zone IS 'IANA time zone of business_hours (e.g. America/Mexico_City).';
