using EmailConnector.Core.Platforms;

namespace EmailConnector.Testing.Platforms;

/// <summary>An adapter under contract test, with the script that makes reactions happen at it.</summary>
public sealed record PlatformUnderTest(IEmailPlatform Platform, IReactionScript Script);
