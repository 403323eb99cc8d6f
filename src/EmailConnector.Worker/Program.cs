using EmailConnector.Worker;
using Microsoft.Extensions.Hosting;

using var bootstrap = WorkerLogging.CreateBootstrapLogger();
try
{
    var builder = Host.CreateApplicationBuilder(EmailConnector.Worker.Demo.DemoSwitch.Expand(args));
    builder.AddEmailConnectorWorker();
    using var host = builder.Build();
    host.ValidateEmailConnectorOptions();
    await host.RunAsync();
    return 0;
}
catch (Exception exception)
{
    WorkerLogging.LogFatal(bootstrap, exception);
    return 1;
}
