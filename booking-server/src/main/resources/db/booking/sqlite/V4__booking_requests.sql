-- The Idempotency-Key of a citizen's booking request and the booking it made: a retry (the app timed out, the
-- citizen tapped twice) gets the same booking back instead of a second one or a refusal.
CREATE TABLE booking_requests (
  citizen_hash TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  public_id    TEXT NOT NULL,
  created      TEXT NOT NULL,
  PRIMARY KEY (citizen_hash, key)
) STRICT;
CREATE INDEX booking_requests_by_created ON booking_requests (created);
