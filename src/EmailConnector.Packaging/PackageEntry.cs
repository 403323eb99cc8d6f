namespace EmailConnector.Packaging;

/// <summary>One file of a solution zip: its path inside the zip (forward slashes) and its bytes.</summary>
public sealed record PackageEntry(string Path, byte[] Content);
