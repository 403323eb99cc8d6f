using System.Globalization;
using EmailConnector.Core.Recipients;

namespace EmailConnector.Worker.Operations.Transfer;

/// <summary>The activity's <c>ec_transfersummary</c>: counts by reason, one line, no personal data.</summary>
internal static class TransferSummary
{
    public static string Format(ExclusionTally tally, int rejected)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Members {tally.Total}"),
            string.Create(CultureInfo.InvariantCulture, $"transferred {tally.Included - rejected}"),
            string.Create(CultureInfo.InvariantCulture, $"excluded {tally.Excluded + rejected}"),
        };
        for (var reason = ExclusionReason.DoNotBulkEmail; reason <= ExclusionReason.DuplicateAddress; reason++)
        {
            if (tally[reason] > 0)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reason} {tally[reason]}"));
        }

        if (rejected > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"RejectedByPlatform {rejected}"));
        return string.Join(", ", parts);
    }
}
