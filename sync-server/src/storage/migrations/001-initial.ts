import type { Migration } from '../migrate';

const zeroHash = '0'.repeat(64);

// PostgreSQL's TEXT compares by the database's locale; SQLite's, and JavaScript's, by code
// point. "C" keeps ordering and range conditions (`ORDER BY id`, `id > ?`) the same on both.
const text = 'TEXT COLLATE "C"';

/** The first schema: people and permissions, customers, sync, review, audit. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sqlite: [
    `CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
    `INSERT INTO counters (name, value) VALUES ('checkpoint', 0), ('permissionEpoch', 0)`,
    `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE roles (id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL)`,
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role_id TEXT NOT NULL REFERENCES roles(id),
      team TEXT,
      locale TEXT NOT NULL,
      active INTEGER NOT NULL,
      permission_epoch INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      token_hash TEXT NOT NULL UNIQUE,
      label TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    )`,
    `CREATE TABLE templates (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL)`,
    `CREATE TABLE tags (tag TEXT PRIMARY KEY, status TEXT NOT NULL, replaced_by TEXT, updated_at TEXT NOT NULL)`,
    `CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      checkpoint INTEGER NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      owner TEXT NOT NULL,
      team TEXT,
      industry TEXT,
      stage TEXT,
      level TEXT,
      region TEXT,
      last_contact TEXT,
      template_id TEXT,
      clear_data TEXT NOT NULL,
      secret_data TEXT NOT NULL,
      masked_data TEXT NOT NULL,
      field_checkpoints TEXT NOT NULL,
      mobile_hash TEXT,
      email_hash TEXT,
      credit_code_hash TEXT,
      id_number_hash TEXT,
      name_key TEXT NOT NULL,
      trade_name TEXT,
      trade_prefix TEXT,
      city_code TEXT,
      possible_duplicates TEXT NOT NULL DEFAULT '[]',
      rejections INTEGER NOT NULL DEFAULT 0,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX customers_checkpoint ON customers (checkpoint)`,
    `CREATE INDEX customers_owner ON customers (owner)`,
    `CREATE INDEX customers_status ON customers (status)`,
    `CREATE INDEX customers_near ON customers (city_code, trade_prefix)`,
    // Exact duplicates are refused at the door; these make that hold under concurrent writers.
    `CREATE UNIQUE INDEX customers_mobile ON customers (mobile_hash) WHERE mobile_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_email ON customers (email_hash) WHERE email_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_credit_code ON customers (credit_code_hash) WHERE credit_code_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_id_number ON customers (id_number_hash) WHERE id_number_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_name_key ON customers (name_key) WHERE kind = 'enterprise' AND status <> 'merged'`,
    `CREATE TABLE customer_tags (customer_id TEXT NOT NULL REFERENCES customers(id), tag TEXT NOT NULL, PRIMARY KEY (customer_id, tag))`,
    `CREATE INDEX customer_tags_tag ON customer_tags (tag)`,
    `CREATE TABLE id_counters (period TEXT PRIMARY KEY, last_serial INTEGER NOT NULL)`,
    `CREATE TABLE mutations (mutation_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, outcome TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE TABLE review_decisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      step TEXT NOT NULL,
      decision TEXT NOT NULL,
      reason TEXT,
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL
    )`,
    `CREATE INDEX review_decisions_customer ON review_decisions (customer_id)`,
    `CREATE TABLE field_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      checkpoint INTEGER NOT NULL,
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT,
      changed_by TEXT NOT NULL,
      changed_at TEXT NOT NULL
    )`,
    `CREATE INDEX field_history_customer ON field_history (customer_id)`,
    `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      actor_role TEXT,
      ip TEXT,
      user_agent TEXT,
      client TEXT NOT NULL,
      action TEXT NOT NULL,
      record_id TEXT,
      fields TEXT NOT NULL,
      outcome TEXT NOT NULL,
      detail TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_actor ON audit_log (actor_id)`,
    `CREATE INDEX audit_log_record ON audit_log (record_id)`,
    // Append-only: the database itself refuses to change or remove an entry.
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    // The chain head in one row: every append updates it in the same transaction, so concurrent
    // writers (several instances on PostgreSQL) queue on its row lock and the chain never forks.
    `CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL)`,
    `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${zeroHash}')`,
    `CREATE TABLE audit_checkpoints (
      seq INTEGER PRIMARY KEY,
      head_hash TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      key_id TEXT NOT NULL,
      signature TEXT NOT NULL
    )`,
  ],
  // The same tables, columns and indexes. Counters, checkpoints and sequence numbers are BIGINT
  // (they outgrow 2^31; the driver still answers numbers); flags and versions stay INTEGER.
  postgres: [
    `CREATE TABLE counters (name ${text} PRIMARY KEY, value BIGINT NOT NULL)`,
    `INSERT INTO counters (name, value) VALUES ('checkpoint', 0), ('permissionEpoch', 0)`,
    `CREATE TABLE settings (key ${text} PRIMARY KEY, value ${text} NOT NULL)`,
    `CREATE TABLE roles (id ${text} PRIMARY KEY, data ${text} NOT NULL, updated_at ${text} NOT NULL)`,
    `CREATE TABLE users (
      id ${text} PRIMARY KEY,
      email ${text} NOT NULL UNIQUE,
      display_name ${text} NOT NULL,
      role_id ${text} NOT NULL REFERENCES roles(id),
      team ${text},
      locale ${text} NOT NULL,
      active INTEGER NOT NULL,
      permission_epoch BIGINT NOT NULL DEFAULT 0,
      created_at ${text} NOT NULL
    )`,
    `CREATE TABLE api_tokens (
      id ${text} PRIMARY KEY,
      user_id ${text} NOT NULL REFERENCES users(id),
      token_hash ${text} NOT NULL UNIQUE,
      label ${text} NOT NULL,
      created_at ${text} NOT NULL,
      revoked_at ${text}
    )`,
    `CREATE TABLE templates (id ${text} PRIMARY KEY, version INTEGER NOT NULL, data ${text} NOT NULL, updated_at ${text} NOT NULL)`,
    `CREATE TABLE tags (tag ${text} PRIMARY KEY, status ${text} NOT NULL, replaced_by ${text}, updated_at ${text} NOT NULL)`,
    `CREATE TABLE customers (
      id ${text} PRIMARY KEY,
      checkpoint BIGINT NOT NULL,
      version INTEGER NOT NULL,
      status ${text} NOT NULL,
      kind ${text} NOT NULL,
      name ${text} NOT NULL,
      owner ${text} NOT NULL,
      team ${text},
      industry ${text},
      stage ${text},
      level ${text},
      region ${text},
      last_contact ${text},
      template_id ${text},
      clear_data ${text} NOT NULL,
      secret_data ${text} NOT NULL,
      masked_data ${text} NOT NULL,
      field_checkpoints ${text} NOT NULL,
      mobile_hash ${text},
      email_hash ${text},
      credit_code_hash ${text},
      id_number_hash ${text},
      name_key ${text} NOT NULL,
      trade_name ${text},
      trade_prefix ${text},
      city_code ${text},
      possible_duplicates ${text} NOT NULL DEFAULT '[]',
      rejections INTEGER NOT NULL DEFAULT 0,
      created_by ${text} NOT NULL,
      created_at ${text} NOT NULL,
      updated_by ${text} NOT NULL,
      updated_at ${text} NOT NULL
    )`,
    `CREATE INDEX customers_checkpoint ON customers (checkpoint)`,
    `CREATE INDEX customers_owner ON customers (owner)`,
    `CREATE INDEX customers_status ON customers (status)`,
    `CREATE INDEX customers_near ON customers (city_code, trade_prefix)`,
    `CREATE UNIQUE INDEX customers_mobile ON customers (mobile_hash) WHERE mobile_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_email ON customers (email_hash) WHERE email_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_credit_code ON customers (credit_code_hash) WHERE credit_code_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_id_number ON customers (id_number_hash) WHERE id_number_hash IS NOT NULL`,
    `CREATE UNIQUE INDEX customers_name_key ON customers (name_key) WHERE kind = 'enterprise' AND status <> 'merged'`,
    `CREATE TABLE customer_tags (customer_id ${text} NOT NULL REFERENCES customers(id), tag ${text} NOT NULL, PRIMARY KEY (customer_id, tag))`,
    `CREATE INDEX customer_tags_tag ON customer_tags (tag)`,
    `CREATE TABLE id_counters (period ${text} PRIMARY KEY, last_serial INTEGER NOT NULL)`,
    `CREATE TABLE mutations (mutation_id ${text} PRIMARY KEY, user_id ${text} NOT NULL, outcome ${text} NOT NULL, created_at ${text} NOT NULL)`,
    // BY DEFAULT, as SQLite's AUTOINCREMENT, still takes an explicit ID (a copied database).
    `CREATE TABLE review_decisions (
      id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      customer_id ${text} NOT NULL REFERENCES customers(id),
      step ${text} NOT NULL,
      decision ${text} NOT NULL,
      reason ${text},
      decided_by ${text} NOT NULL,
      decided_at ${text} NOT NULL
    )`,
    `CREATE INDEX review_decisions_customer ON review_decisions (customer_id)`,
    `CREATE TABLE field_history (
      id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      customer_id ${text} NOT NULL REFERENCES customers(id),
      checkpoint BIGINT NOT NULL,
      field ${text} NOT NULL,
      old_value ${text},
      new_value ${text},
      changed_by ${text} NOT NULL,
      changed_at ${text} NOT NULL
    )`,
    `CREATE INDEX field_history_customer ON field_history (customer_id)`,
    `CREATE TABLE audit_log (
      seq BIGINT PRIMARY KEY,
      at ${text} NOT NULL,
      actor_id ${text},
      actor_role ${text},
      ip ${text},
      user_agent ${text},
      client ${text} NOT NULL,
      action ${text} NOT NULL,
      record_id ${text},
      fields ${text} NOT NULL,
      outcome ${text} NOT NULL,
      detail ${text},
      prev_hash ${text} NOT NULL,
      hash ${text} NOT NULL
    )`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_actor ON audit_log (actor_id)`,
    `CREATE INDEX audit_log_record ON audit_log (record_id)`,
    // Append-only: the database refuses to change, remove or truncate an entry. Statement
    // triggers, so that even a statement that matches no row is refused.
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
    END
    $$`,
    `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash ${text} NOT NULL)`,
    `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${zeroHash}')`,
    `CREATE TABLE audit_checkpoints (
      seq BIGINT PRIMARY KEY,
      head_hash ${text} NOT NULL,
      signed_at ${text} NOT NULL,
      key_id ${text} NOT NULL,
      signature ${text} NOT NULL
    )`,
  ],
};
