namespace EmailConnector.Bench.All;

/// <summary>A benchmark program under bench/ and the arguments of a full and of a quick run.</summary>
internal sealed record Benchmark(string Name, string What, IReadOnlyList<string> FullArguments, IReadOnlyList<string> QuickArguments);

internal static class Benchmarks
{
    public static readonly IReadOnlyList<Benchmark> All =
    [
        new("EmailConnector.Emulator.Bench", "the emulator in process: creates, retrieves, list-member pages, memory; floor: the same rows in a plain Dictionary and the same pages sliced with LINQ",
            ["1000000", "100000"], ["100000", "20000"]),
        new("EmailConnector.Dataverse.Bench", "the Dataverse client paging contacts over the emulator's HTTP front; floor: a bare HttpClient loop",
            ["100000", "1000000"], ["20000", "100000"]),
        new("EmailConnector.Platforms.Dotdigital.Bench", "a transfer to the Dotdigital double with its documented rate limits; floor: the same transfer with the limits off",
            ["100000"], ["10000"]),
        new("EmailConnector.Platforms.Smtp.Bench", "the built-in SMTP platform into Postfix's smtp-sink; floor: Postfix's smtp-source",
            ["10000", "4"], ["2000", "4"]),
        new("EmailConnector.Worker.Bench", "the worker: transfer and reaction write-back against the emulator over HTTP, limits on; floors: the same reads by the client alone, the same rows upserted in process",
            ["100000", "1000000"], ["20000", "200000"]),
    ];
}
