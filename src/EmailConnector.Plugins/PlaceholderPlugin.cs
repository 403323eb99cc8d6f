using System;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins;

public sealed class PlaceholderPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
    }
}
