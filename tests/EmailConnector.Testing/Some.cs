using System.Globalization;
using EmailConnector.Core;
using EmailConnector.Core.Platforms;
using EmailConnector.Core.Recipients;

namespace EmailConnector.Testing;

/// <summary>
/// Test data that only has to be valid and distinct: <c>Some.EmailAddress()</c>, <c>Some.Contact()</c>. A test that
/// cares about a value spells it out; everything else comes from here.
/// </summary>
public static class Some
{
    private static int _counter;

    /// <summary>A number unique within the test run.</summary>
    public static int Int() => Interlocked.Increment(ref _counter);

    /// <summary>A string unique within the test run, starting with <paramref name="prefix"/>.</summary>
    public static string String(string prefix = "text") => prefix + "-" + Int().ToString(CultureInfo.InvariantCulture);

    /// <summary>A valid, unique address on the reserved example.com domain (RFC 2606), so nothing is ever mailed.</summary>
    public static string EmailAddress(string localPrefix = "person") => $"{localPrefix}.{Int()}@example.com";

    public static RecordReference Contact() => RecordReference.Contact(Guid.NewGuid());

    public static RecordReference Lead() => RecordReference.Lead(Guid.NewGuid());

    public static RecordReference Account() => RecordReference.Account(Guid.NewGuid());

    public static RecordReference CampaignActivity() => new("campaignactivity", Guid.NewGuid());

    /// <summary>A platform list id as an adapter would return it.</summary>
    public static string ListId() => String("list");

    public static string Url() => $"https://www.example.com/offer/{Int()}";

    public static ListDefinition ListDefinition(RecordReference? activity = null, string? name = null) =>
        new(activity ?? CampaignActivity(), name ?? String("Spring newsletter"));

    /// <summary>A contact recipient with a unique address and a first name field.</summary>
    public static PlatformRecipient Recipient(RecordReference? record = null, string? emailAddress = null) =>
        new(record ?? Contact(), emailAddress ?? EmailAddress(), new Dictionary<string, string?> { ["FIRSTNAME"] = String("Anna") });

    public static IReadOnlyList<PlatformRecipient> Recipients(int count) =>
        Enumerable.Range(0, count).Select(_ => Recipient()).ToList();

    /// <summary>A member who passes every exclusion rule.</summary>
    public static RecipientCandidate Candidate(RecordReference? record = null, string? emailAddress = null) =>
        new(record ?? Contact(), emailAddress ?? EmailAddress());
}
