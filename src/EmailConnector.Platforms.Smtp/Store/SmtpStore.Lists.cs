using System.Data.Common;
using EmailConnector.Core;
using EmailConnector.Core.Mapping;

namespace EmailConnector.Platforms.Smtp.Store;

internal sealed partial class SmtpStore
{
    private const string ListColumns = "id, record_key, name, sender_address, reply_to_address";

    /// <summary>The list of <paramref name="key"/>, created on first use with a name made unique (case-insensitively).</summary>
    public async Task<(StoredList List, bool Created)> EnsureListAsync(
        RecordReference key, string wantedName, int maxNameLength, string? senderAddress, string? replyToAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await WriteAsync(async (c, t) =>
                {
                    var existing = await QueryAsync(c, t, $"SELECT {ListColumns} FROM lists WHERE record_key = @k;", ReadList, cancellationToken, ("k", key.ToString()));
                    if (existing.Count > 0)
                        return (existing[0], false);
                    var name = await UniqueNameAsync(c, t, wantedName, maxNameLength, cancellationToken);
                    var id = Convert.ToInt64(await ScalarAsync(c, t,
                        "INSERT INTO lists (record_key, name, name_norm, sender_address, reply_to_address, created_at) VALUES (@k, @n, @nn, @s, @r, @at) RETURNING id;",
                        cancellationToken, ("k", key.ToString()), ("n", name), ("nn", name.ToUpperInvariant()), ("s", senderAddress), ("r", replyToAddress), ("at", Ms(now))));
                    return (new StoredList(id, key, name, senderAddress, replyToAddress), true);
                }, cancellationToken);
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < 3)
            {
                // Another worker created the list (or took the name) between our read and insert: read again.
            }
        }
    }

    public Task<StoredList?> GetListAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(async c => (await QueryAsync(c, null, $"SELECT {ListColumns} FROM lists WHERE id = @id;", ReadList, cancellationToken, ("id", id))).FirstOrDefault(), cancellationToken);

    private static async Task<string> UniqueNameAsync(DbConnection c, DbTransaction t, string wanted, int max, CancellationToken cancellationToken)
    {
        var trimmed = wanted.Trim();
        var name = TextRules.Truncate(trimmed, max);
        for (var n = 2; ; n++)
        {
            var taken = await ScalarAsync(c, t, "SELECT 1 FROM lists WHERE name_norm = @nn;", cancellationToken, ("nn", name.ToUpperInvariant()));
            if (taken is null)
                return name;
            var suffix = $" ({n})";
            name = TextRules.Truncate(trimmed, max - suffix.Length) + suffix;
        }
    }

    private static StoredList ReadList(DbDataReader r) =>
        new(Long(r, 0), RecordReference.Parse(r.GetString(1)), r.GetString(2), Text(r, 3), Text(r, 4));
}
