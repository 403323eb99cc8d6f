using System;
using System.Collections.Generic;
using System.Linq;
using EmailConnector.Core.Recipients;
using EmailConnector.Plugins.Infrastructure;
using EmailConnector.Schema;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.CampaignActivity;

/// <summary>What the campaign activity steps decide, as plain functions of Target and the pre-image.</summary>
public static class CampaignActivityRules
{
    public const string Channel = "channeltypecode";
    public const string Subject = "subject";

    /// <summary>Columns whose change makes the worker (re)check the platform list: channel, account and list name.</summary>
    public static readonly IReadOnlyList<string> EnsureListColumns =
        new[] { Channel, CampaignActivityColumns.PlatformAccountId, CampaignActivityColumns.ListName };

    public static bool IsEmailPlatform(object? channel) =>
        channel is OptionSetValue option && option.Value == (int)CampaignActivityChannel.EmailPlatform;

    /// <summary>The message that refuses the addresses, or null when both are fine (both are optional; the account's defaults apply).</summary>
    public static string? ValidateAddresses(string? sender, string? replyTo)
    {
        if (!string.IsNullOrWhiteSpace(sender) && !EmailAddressRules.IsValid(sender))
            return ErrorMessages.InvalidSender(sender!.Trim());
        if (!string.IsNullOrWhiteSpace(replyTo) && !EmailAddressRules.IsValid(replyTo))
            return ErrorMessages.InvalidReplyTo(replyTo!.Trim());
        return null;
    }

    /// <summary>The list name to set when the activity has none: its subject, cut to the column's length; null to leave it.</summary>
    public static string? DefaultListName(string? listName, string? subject)
    {
        if (!string.IsNullOrWhiteSpace(listName) || string.IsNullOrWhiteSpace(subject))
            return null;
        var name = subject!.Trim();
        return name.Length <= CampaignActivityColumns.ListNameMaxLength ? name : name.Substring(0, CampaignActivityColumns.ListNameMaxLength);
    }

    /// <summary>
    /// The EnsureList-relevant columns that really changed, when the activity is (now) on the Email platform channel;
    /// empty when nothing needs to reach the platform.
    /// </summary>
    public static IReadOnlyList<string> EnsureListChanges(Entity target, Entity? preImage)
    {
        if (!IsEmailPlatform(AttributeValues.Effective(Channel, target, preImage)))
            return new string[0];
        return EnsureListColumns.Where(c => AttributeValues.Changed(c, target, preImage)).ToList();
    }

    /// <summary>Normalises the sender and reply-to in Target (trimmed) so the platform gets what was validated.</summary>
    public static void TrimAddresses(Entity target)
    {
        foreach (var column in new[] { CampaignActivityColumns.Sender, CampaignActivityColumns.ReplyTo })
        {
            if (target.Attributes.TryGetValue(column, out var value) && value is string text && text.Trim().Length != text.Length)
                target[column] = text.Trim().Length == 0 ? null : text.Trim();
        }
    }

    internal static string? Text(object? value) => value as string;
}
