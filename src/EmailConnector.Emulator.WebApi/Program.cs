using EmailConnector.Emulator.WebApi.Hosting;

return await EmulatorCommandLine.RunAsync(args).ConfigureAwait(false);
