-- Signing keys of the built-in demo OpenID issuer (used only when no external issuer is configured).
create table local_issuer_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);
