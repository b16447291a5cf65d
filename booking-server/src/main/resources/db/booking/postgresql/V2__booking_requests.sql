-- The Idempotency-Key of a citizen's booking request and the booking it made: a retry (the app timed out, the
-- citizen tapped twice, a load balancer sent it to another server process) gets the same booking back.
CREATE TABLE booking_requests (
  citizen_hash text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  public_id    text NOT NULL,
  created      text NOT NULL,
  PRIMARY KEY (citizen_hash, key)
);
CREATE INDEX booking_requests_by_created ON booking_requests (created);
