using EmailConnector.Worker.Demo;

namespace EmailConnector.Worker.Tests.Demo;

public sealed class DemoSwitchTests
{
    [Fact]
    public void Expand_DemoSwitch_BecomesTheConfigurationKeyAndLeavesTheRest()
    {
        Assert.Equal(["--Demo:Enabled=true", "--Local:EmulatorPort", "0"], DemoSwitch.Expand(["--demo", "--Local:EmulatorPort", "0"]));
    }
}
