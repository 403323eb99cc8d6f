namespace EmailConnector.Platforms.Dotdigital.Double.OpenApi;

/// <summary>A request or response that does not match the vendor's OpenAPI description.</summary>
/// <param name="Direction"><c>request</c> or <c>response</c>.</param>
/// <param name="Operation">Method and path template, e.g. <c>PUT /contacts/v3/import</c>.</param>
/// <param name="Problem">Where and what, e.g. <c>$.contacts[0].identifiers: required property 'email' missing</c>.</param>
public sealed record OpenApiViolation(string Direction, string Operation, string Problem)
{
    public override string ToString() => $"{Direction} {Operation}: {Problem}";
}
