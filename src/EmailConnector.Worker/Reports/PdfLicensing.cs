using EmailConnector.Worker.Operations;
using PdfSharp;

namespace EmailConnector.Worker.Reports;

/// <summary>Declares the configured PDFsharp license once per process, before the first document.</summary>
internal static class PdfLicensing
{
    private static readonly Lock Gate = new();
    private static bool _applied;

    public static void Apply(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Checked on every call, not only the first: a worker without a configured license never renders, whatever
        // another component of the process declared.
        var license = options.PdfSharpLicense?.Trim();
        if (string.IsNullOrEmpty(license))
        {
            throw new PermanentRequestException(
                $"Reports need a PDFsharp license: set {ReportOptions.SectionName}:PdfSharpLicense to a PDFsharp license key or to '{ReportOptions.Agpl}' to use PDFsharp under the AGPL-3.0.");
        }

        lock (Gate)
        {
            if (_applied)
                return;
            if (string.Equals(license, ReportOptions.Agpl, StringComparison.OrdinalIgnoreCase))
            {
                PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                try
                {
                    PdfSharpLicense.LoadLicense(license);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    throw new PermanentRequestException($"The PDFsharp license in {ReportOptions.SectionName}:PdfSharpLicense cannot be loaded: {exception.Message}", exception);
                }
            }

            _applied = true;
        }
    }
}
