using System.ComponentModel.DataAnnotations;

namespace EmailConnector.Worker.Reports;

/// <summary>Section <c>Reports</c>: the Request report PDF.</summary>
public sealed class ReportOptions : IValidatableObject
{
    public const string SectionName = "Reports";

    /// <summary>The value that accepts PDFsharp under the AGPL-3.0 instead of a commercial license key.</summary>
    public const string Agpl = "AGPL";

    /// <summary>
    /// PDFsharp 6.5 renders only under a declared license: a PDFsharp license key (base64), or <see cref="Agpl"/> to use
    /// it under the AGPL-3.0 (with the obligations that brings for the worker). Unset: RequestReport requests are
    /// parked with that reason; everything else works.
    /// </summary>
    public string? PdfSharpLicense { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PdfSharpLicense) || string.Equals(PdfSharpLicense.Trim(), Agpl, StringComparison.OrdinalIgnoreCase))
            yield break;
        var buffer = new byte[PdfSharpLicense.Length];
        if (!Convert.TryFromBase64String(PdfSharpLicense.Trim(), buffer, out _))
            yield return new ValidationResult($"{SectionName}:PdfSharpLicense must be a PDFsharp license key (base64) or '{Agpl}'.", [nameof(PdfSharpLicense)]);
    }
}
