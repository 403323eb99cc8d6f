namespace EmailConnector.Worker.Bench;

/// <summary>Samples this process's managed heap and working set every 50 ms and keeps the peaks since the last reset.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakHeap;
    private long _peakWorkingSet;

    public MemorySampler() => _loop = Task.Run(LoopAsync);

    public long PeakHeap => Interlocked.Read(ref _peakHeap);

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public static double Mb(long bytes) => bytes / 1048576.0;

    public void Reset()
    {
        Interlocked.Exchange(ref _peakHeap, 0);
        Interlocked.Exchange(ref _peakWorkingSet, 0);
        Sample();
    }

    public void Sample()
    {
        var heap = GC.GetTotalMemory(false);
        var workingSet = Environment.WorkingSet;
        if (heap > Interlocked.Read(ref _peakHeap))
            Interlocked.Exchange(ref _peakHeap, heap);
        if (workingSet > Interlocked.Read(ref _peakWorkingSet))
            Interlocked.Exchange(ref _peakWorkingSet, workingSet);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
