using System;
using System.Collections.Generic;
using System.Linq;
using EmailConnector.Core.Recipients;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Recipients;

/// <summary>
/// The sync rules of a recipient table (contact, lead): which columns reach the platform, which are consent, and what
/// an update means for the queue. Pure functions of Target and the pre-image.
/// </summary>
public sealed class RecipientRules
{
    public const string EmailAddress = "emailaddress1";
    public const string DoNotBulkEmail = "donotbulkemail";
    public const string DoNotEmail = "donotemail";
    public const string StateCode = "statecode";

    /// <summary>Mapped columns of contact (docs/plugins.md lists them; ec_datamapping may only pick from these for live updates).</summary>
    public static readonly RecipientRules Contact = new RecipientRules("contact",
        new[] { "salutation", "firstname", "middlename", "lastname", "fullname", "jobtitle", "parentcustomerid", EmailAddress });

    public static readonly RecipientRules Lead = new RecipientRules("lead",
        new[] { "salutation", "firstname", "middlename", "lastname", "fullname", "jobtitle", "companyname", EmailAddress });

    /// <summary>Consent and state: a change here is ConsentChanged, never UpdateRecipient.</summary>
    public static readonly IReadOnlyList<string> ConsentColumns = new[] { DoNotBulkEmail, DoNotEmail, StateCode };

    /// <summary>The columns the worker resets when the address changes: the bounce history belongs to the old address.</summary>
    public static readonly IReadOnlyList<string> BounceColumns = new[]
    {
        RecipientColumns.EmailInvalid, RecipientColumns.BounceCategory, RecipientColumns.HardBounceCount,
        RecipientColumns.SoftBounceCount, RecipientColumns.LastBounceOn,
    };

    private RecipientRules(string table, IReadOnlyList<string> mappedColumns)
    {
        Table = table;
        MappedColumns = mappedColumns;
    }

    public string Table { get; }

    public IReadOnlyList<string> MappedColumns { get; }

    /// <summary>The filtering attributes and pre-image columns of the Update PostOperation step.</summary>
    public IEnumerable<string> SyncRelevantColumns => MappedColumns.Concat(ConsentColumns);

    /// <summary>Mapped columns whose value really changed.</summary>
    public IReadOnlyList<string> ChangedMappedColumns(Entity target, Entity preImage) =>
        MappedColumns.Where(c => c == EmailAddress ? AddressChanged(target, preImage) : AttributeValues.Changed(c, target, preImage)).ToList();

    /// <summary>Consent or state columns whose value really changed.</summary>
    public static IReadOnlyList<string> ChangedConsentColumns(Entity target, Entity preImage) =>
        ConsentColumns.Where(c => AttributeValues.Changed(c, target, preImage)).ToList();

    /// <summary>
    /// Only records the platform knows (sync status set and not "Not synced") need live updates: a record that was never
    /// transferred goes to the platform with its current data when a transfer includes it.
    /// </summary>
    public static bool IsKnownToPlatform(Entity preImage)
    {
        var status = preImage.GetAttributeValue<OptionSetValue>(RecipientColumns.SyncStatus);
        return status is not null && status.Value != (int)SyncStatus.NotSynced;
    }

    /// <summary>The primary address changed in substance (case and surrounding blanks do not count).</summary>
    public static bool AddressChanged(Entity target, Entity? preImage)
    {
        if (!target.Attributes.TryGetValue(EmailAddress, out var value))
            return false;
        var before = preImage?.GetAttributeValue<string>(EmailAddress);
        return !string.Equals(Comparable(value as string), Comparable(before), StringComparison.Ordinal);
    }

    /// <summary>Clears the bounce history in Target so it is saved together with the new address.</summary>
    public static void ResetBounceState(Entity target)
    {
        target[RecipientColumns.EmailInvalid] = false;
        target[RecipientColumns.HardBounceCount] = 0;
        target[RecipientColumns.SoftBounceCount] = 0;
        target[RecipientColumns.BounceCategory] = null;
        target[RecipientColumns.LastBounceOn] = null;
    }

    private static string Comparable(string? address) =>
        string.IsNullOrWhiteSpace(address) ? string.Empty : EmailAddressRules.Normalize(address!);
}
