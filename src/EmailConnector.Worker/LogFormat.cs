namespace EmailConnector.Worker;

/// <summary>How the console sink writes events.</summary>
public enum LogFormat
{
    /// <summary>One readable line per event.</summary>
    Text,

    /// <summary>Compact JSON (CLEF), one object per line, for log collectors.</summary>
    Json,
}
