namespace EmailConnector.Emulator.Metadata;

/// <summary>The customizations.xml &lt;Behavior&gt; values of a datetime column.</summary>
public enum DateTimeBehavior
{
    UserLocal = 1,
    DateOnly = 2,
    TimeZoneIndependent = 3,
}
