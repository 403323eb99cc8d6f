namespace EmailConnector.Packaging;

/// <summary>The solution source cannot be packed into a zip Dataverse would import; the message says why.</summary>
public sealed class PackagingException(string message) : Exception(message);
