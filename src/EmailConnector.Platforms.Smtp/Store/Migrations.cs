namespace EmailConnector.Platforms.Smtp.Store;

/// <summary>
/// The store's schema, as numbered steps applied in order at start (<see cref="SmtpStore.MigrateAsync"/>). A step is
/// never edited once released: changes are new steps.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE lists (
                id {identity}, record_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_norm TEXT NOT NULL UNIQUE,
                sender_address TEXT, reply_to_address TEXT, created_at {bigint} NOT NULL);
            CREATE TABLE recipients (
                id {identity}, record_key TEXT NOT NULL UNIQUE, email TEXT, email_norm TEXT, fields TEXT NOT NULL,
                global_optout INTEGER NOT NULL DEFAULT 0, erased INTEGER NOT NULL DEFAULT 0,
                created_at {bigint} NOT NULL, updated_at {bigint} NOT NULL);
            CREATE INDEX ix_recipients_email ON recipients (email_norm);
            CREATE TABLE memberships (
                list_id {bigint} NOT NULL REFERENCES lists (id), recipient_id {bigint} NOT NULL REFERENCES recipients (id),
                status INTEGER NOT NULL, changed_at {bigint} NOT NULL, PRIMARY KEY (list_id, recipient_id));
            CREATE INDEX ix_memberships_recipient ON memberships (recipient_id);
            CREATE TABLE suppressions (
                email_norm TEXT PRIMARY KEY, reason INTEGER NOT NULL, since {bigint} NOT NULL, record_key TEXT);
            CREATE TABLE mailings (
                id {identity}, mailing_key TEXT NOT NULL UNIQUE, list_id {bigint} NOT NULL REFERENCES lists (id),
                subject TEXT NOT NULL, from_address TEXT NOT NULL, from_name TEXT, reply_to TEXT,
                html_template TEXT NOT NULL, text_template TEXT NOT NULL, send_at {bigint} NOT NULL,
                status INTEGER NOT NULL, created_at {bigint} NOT NULL, started_at {bigint}, finished_at {bigint});
            CREATE INDEX ix_mailings_due ON mailings (status, send_at);
            CREATE TABLE mailing_links (
                mailing_id {bigint} NOT NULL REFERENCES mailings (id), link_index INTEGER NOT NULL, url TEXT NOT NULL,
                PRIMARY KEY (mailing_id, link_index));
            CREATE TABLE deliveries (
                id {identity}, mailing_id {bigint} NOT NULL REFERENCES mailings (id),
                recipient_id {bigint} NOT NULL REFERENCES recipients (id), email TEXT, email_domain TEXT,
                status INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at {bigint} NOT NULL,
                claimed_by TEXT, claim_until {bigint}, last_status TEXT, last_diagnostic TEXT, sent_at {bigint},
                UNIQUE (mailing_id, recipient_id));
            CREATE INDEX ix_deliveries_due ON deliveries (status, next_attempt_at);
            CREATE INDEX ix_deliveries_recipient ON deliveries (recipient_id);
            CREATE TABLE events (
                seq {identity}, event_id TEXT NOT NULL UNIQUE, feed INTEGER NOT NULL, kind INTEGER NOT NULL,
                occurred_at {bigint} NOT NULL, recorded_at {bigint} NOT NULL, record_key TEXT, list_id {bigint},
                mailing_id {bigint}, delivery_id {bigint}, email TEXT, url TEXT, ip TEXT, user_agent TEXT,
                is_machine INTEGER NOT NULL DEFAULT 0, machine_reason TEXT, bounce_category INTEGER, status_code TEXT,
                diagnostic TEXT, unsubscribe_scope INTEGER);
            CREATE INDEX ix_events_feed ON events (feed, seq);
            CREATE INDEX ix_events_list ON events (list_id);
            CREATE INDEX ix_events_record ON events (record_key);
            CREATE TABLE inbound (
                id {identity}, source_id TEXT NOT NULL UNIQUE, received_at {bigint} NOT NULL,
                classification TEXT NOT NULL, delivery_id {bigint}, detail TEXT, raw {blob});
            """),
    ];
}
