using System.ComponentModel.DataAnnotations;
using EmailConnector.Platforms.Dotdigital;
using EmailConnector.Platforms.Smtp;
using Microsoft.Extensions.Options;

namespace EmailConnector.Worker.Platforms;

/// <summary>
/// Checks <c>Platforms:Accounts</c> at start: every entry names a GUID once and a known platform, carries valid
/// settings for that platform and none for another, and the built-in SMTP platform is used at most once per process.
/// Every failure names the entry's configuration path.
/// </summary>
/// <param name="defaultPlatform">The value of <c>Worker:Platform</c> (its own validation reports an unknown one).</param>
public sealed class PlatformAccountsValidation(string? defaultPlatform) : IValidateOptions<PlatformAccountsOptions>
{
    /// <summary>Why the built-in platform cannot serve two accounts side by side (also in docs/configuration.md).</summary>
    public const string SmtpOnceReason =
        "the built-in SMTP platform runs at most once per worker process (one data folder and store, one bounce mailbox, one tracking listener and its token keys)";

    public ValidateOptionsResult Validate(string? name, PlatformAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var defaultIsSmtp = EmailPlatformChoice.Is(defaultPlatform ?? WorkerDefaults.Platform, EmailPlatformChoice.Smtp);
        if (EmailPlatformChoice.Is(defaultPlatform, EmailPlatformChoice.None) && options.Accounts.Count == 0)
            failures.Add($"Worker:Platform = None serves only the accounts of {PlatformAccountsOptions.SectionName}, and it lists none.");

        var seen = new Dictionary<Guid, string>();
        string? smtpEntry = null;
        foreach (var (key, entry) in options.Accounts)
        {
            var path = PlatformAccountsOptions.PathOf(key);
            if (entry.AccountId is not { } id)
                failures.Add($"{path}:Id must be the ec_platformaccount id (a GUID), not '{entry.Id}'.");
            else if (!seen.TryAdd(id, path))
                failures.Add($"{path}:Id {id:D} is already listed under {seen[id]}.");

            if (EmailPlatformChoice.Is(entry.Platform, EmailPlatformChoice.Dotdigital))
            {
                if (entry.Smtp is not null)
                    failures.Add($"{path}:Smtp does not apply to a Dotdigital account.");
                failures.AddRange(DotdigitalOptions.Failures(entry.Dotdigital ?? new DotdigitalOptions()).Select(f => $"{path}:Dotdigital: {f}"));
            }
            else if (EmailPlatformChoice.Is(entry.Platform, EmailPlatformChoice.Smtp))
            {
                if (entry.Dotdigital is not null)
                    failures.Add($"{path}:Dotdigital does not apply to an Smtp account.");
                if (defaultIsSmtp)
                    failures.Add($"{path}: {SmtpOnceReason}, and it is already the default platform (Worker:Platform = Smtp); set Worker:Platform to Dotdigital or None to give it to this account.");
                else if (smtpEntry is not null)
                    failures.Add($"{path}: {SmtpOnceReason}, and {smtpEntry} already uses it.");
                smtpEntry ??= path;
                failures.AddRange(SmtpFailures(entry.Smtp ?? new SmtpPlatformOptions()).Select(f => $"{path}:Smtp: {f}"));
            }
            else
            {
                failures.Add($"{path}:Platform must be Smtp or Dotdigital, not '{entry.Platform}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> SmtpFailures(SmtpPlatformOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => string.Join(", ", r.MemberNames) + ": " + r.ErrorMessage);
    }
}
