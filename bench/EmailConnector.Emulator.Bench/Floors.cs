using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;

/// <summary>
/// The floors of the emulator's timed figures: the same rows, reads and pages done the cheapest way in process, with a
/// plain <see cref="Dictionary{TKey, TValue}"/> and LINQ instead of the emulator's store, pipeline and query engine.
/// Nothing here checks metadata, runs plug-ins, copies rows in or parses FetchXML, so no implementation of the same
/// work can beat it by much; the ratio to it is what the emulator's Dataverse behaviour costs.
/// </summary>
internal static class Floors
{
    private const int WarmUpCount = 20_000;

    public static FloorFigures Measure(Guid[] contactIds, int retrieveCount, Guid[] memberIds, int pageSize, int minimumPages)
    {
        // Every step first runs untimed on a small count, so that the floor is not measured with unoptimized code.
        Create(contactIds, Math.Min(WarmUpCount, contactIds.Length), out _);
        var createsPerSecond = contactIds.Length / Create(contactIds, contactIds.Length, out var contacts).TotalSeconds;

        Retrieve(contacts, contactIds, WarmUpCount);
        var retrievesPerSecond = retrieveCount / Retrieve(contacts, contactIds, retrieveCount).TotalSeconds;

        // Pages: the member ids sorted once with LINQ (the emulator likewise keeps an ordered index between pages and
        // builds it during its unmeasured first pass), then per page the resume point after the previous page's last
        // id, as the paging cookie gives it, and the next 5,000 ids sliced, looked up and projected.
        var sorted = memberIds.Order().ToArray();
        var pageTimes = new List<double>();
        while (pageTimes.Count < minimumPages)
        {
            ReadList(sorted, contacts, pageSize, pageTimes);
        }

        pageTimes.Clear();
        while (pageTimes.Count < minimumPages)
        {
            ReadList(sorted, contacts, pageSize, pageTimes);
        }

        pageTimes.Sort();
        return new FloorFigures(createsPerSecond, retrievesPerSecond, pageTimes);
    }

    // The same Entity objects as the emulator's loop, built the same way, added to a dictionary. The floor takes the
    // ids the emulator gave, so that its rows are the same rows (generating none is cheaper still). No capacity is
    // given: the emulator's store does not know the count either.
    private static TimeSpan Create(Guid[] ids, int count, out Dictionary<Guid, Entity> contacts)
    {
        contacts = [];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var contact = new Entity("contact", ids[i])
            {
                ["firstname"] = "First" + i.ToString(CultureInfo.InvariantCulture),
                ["lastname"] = "Last" + i.ToString(CultureInfo.InvariantCulture),
                ["emailaddress1"] = "contact" + i.ToString(CultureInfo.InvariantCulture) + "@example.com",
            };
            contacts.Add(contact.Id, contact);
        }

        return watch.Elapsed;
    }

    // A lookup plus a new entity with the two requested columns, because Retrieve hands back a detached copy of those
    // columns, never the stored row.
    private static TimeSpan Retrieve(Dictionary<Guid, Entity> contacts, Guid[] ids, int count)
    {
        var random = new Random(43);
        var found = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (contacts.TryGetValue(ids[random.Next(ids.Length)], out var row))
            {
                found += Project(row).Attributes.Count;
            }
        }

        watch.Stop();
        GC.KeepAlive(found);
        return watch.Elapsed;
    }

    private static void ReadList(Guid[] sorted, Dictionary<Guid, Entity> contacts, int pageSize, List<double> pageTimes)
    {
        Guid? last = null;
        var watch = new Stopwatch();
        while (true)
        {
            watch.Restart();
            var start = 0;
            if (last is { } after)
            {
                var index = Array.BinarySearch(sorted, after);
                start = index >= 0 ? index + 1 : ~index;
            }

            var page = new EntityCollection([.. sorted.Skip(start).Take(pageSize).Select(id => Project(contacts[id]))])
            {
                EntityName = "contact",
                MoreRecords = start + pageSize < sorted.Length,
            };
            watch.Stop();
            pageTimes.Add(watch.Elapsed.TotalMilliseconds);
            if (!page.MoreRecords)
            {
                return;
            }

            last = page.Entities[^1].Id;
        }
    }

    private static Entity Project(Entity row) => new("contact", row.Id)
    {
        ["contactid"] = row.Id,
        ["emailaddress1"] = row.GetAttributeValue<string>("emailaddress1"),
        ["firstname"] = row.GetAttributeValue<string>("firstname"),
    };
}

internal sealed record FloorFigures(double CreatesPerSecond, double RetrievesPerSecond, IReadOnlyList<double> PageTimes);
