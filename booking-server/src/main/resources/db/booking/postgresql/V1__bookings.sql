-- The bookings schema at SQLite's version 3, in one step. Days, slots and times are ISO-8601 text, as in the
-- SQLite file: they compare in order as text, and both adapters then share every statement and row mapping.
CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE bookings (
  id           bigserial PRIMARY KEY,
  branch       text    NOT NULL,
  day          text    NOT NULL,
  slot         text    NOT NULL,
  field        text    NOT NULL,
  purpose      text    NOT NULL,
  number       integer NOT NULL,
  priority     integer NOT NULL,
  citizen_hash text    NOT NULL,
  cancelled    text,
  created      text    NOT NULL,
  public_id    text    NOT NULL UNIQUE,
  UNIQUE (branch, day, field, number)
);
CREATE INDEX bookings_by_citizen ON bookings (citizen_hash, day);
CREATE INDEX bookings_by_slot ON bookings (branch, day, slot, field);

CREATE TABLE notifications (
  id         bigserial PRIMARY KEY,
  booking_id bigint  NOT NULL REFERENCES bookings (id),
  type       text    NOT NULL,
  at         text    NOT NULL,
  counter    integer NOT NULL DEFAULT 0,
  text_vi    text    NOT NULL,
  text_en    text    NOT NULL,
  event      text    NOT NULL DEFAULT '',
  UNIQUE (booking_id, type, counter, event)
);

-- One row per branch, locked (SELECT … FOR UPDATE) by every booking of that branch: READ COMMITTED alone would
-- let two server processes both count the last free place of a slot and both take it.
CREATE TABLE branch_locks (
  branch text PRIMARY KEY
);
