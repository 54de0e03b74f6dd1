CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name text,
  org_id integer REFERENCES orgs (id),
  age int CHECK (age >= 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamp with time zone DEFAULT now(),
  price numeric(10,2) DEFAULT 0,
  tags text[],
  nick character varying(40) NULL
);
CREATE TABLE IF NOT EXISTS public.orgs (id serial PRIMARY KEY, slug text);
CREATE TABLE events (
  id bigserial,
  tenant_id int NOT NULL,
  kind smallint,
  payload jsonb DEFAULT '{}'::jsonb,
  CONSTRAINT events_pk PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, kind),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT kind_positive CHECK (kind > 0),
  CHECK (payload IS NOT NULL)
);
CREATE TABLE items (
  id int GENERATED ALWAYS AS IDENTITY,
  qty int,
  price numeric,
  total numeric GENERATED ALWAYS AS (qty * price) STORED,
  uid uuid DEFAULT gen_random_uuid()
);
CREATE TABLE app.audit (id int8, at timestamptz, d double precision, r real, c char(2), dec decimal(8,3));
