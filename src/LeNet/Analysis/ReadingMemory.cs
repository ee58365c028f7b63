namespace LeNet.Analysis;

/// <summary>
/// What reading lines cost in memory: the bytes the reading thread allocated and the time the garbage collector held
/// the process still, both per line, and the collections run. On a machine whose speed varies from run to run the
/// bytes allocated do not vary, so work on the memory a line takes can be measured where its latency cannot
/// (see README, "The garbage collector's share").
/// </summary>
/// <param name="AllocatedMegabytes">Bytes allocated by the reading thread per line, in millions.</param>
/// <param name="PauseMilliseconds">Time the process was paused for collections, per line.</param>
/// <param name="Collections">Collections of generations 0, 1 and 2 in the whole run (a gen-1 collection also counts as a gen-0 one).</param>
public sealed record ReadingMemory(double AllocatedMegabytes, double PauseMilliseconds, (int Gen0, int Gen1, int Gen2) Collections)
{
    /// <summary>The counters now, on the calling thread; <see cref="Mark.Since"/> measures what reading on it cost afterwards.</summary>
    public static Mark Now() => new(GC.GetAllocatedBytesForCurrentThread(), GC.GetTotalPauseDuration(), Counts());

    private static (int, int, int) Counts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>The garbage collector's counters at one moment.</summary>
    public readonly record struct Mark(long Allocated, TimeSpan Paused, (int Gen0, int Gen1, int Gen2) Collections)
    {
        /// <summary>What reading <paramref name="lines"/> lines on this thread cost since the mark was taken.</summary>
        public ReadingMemory Since(int lines)
        {
            var (now, per) = (Now(), Math.Max(lines, 1));
            return new ReadingMemory((now.Allocated - Allocated) / 1e6 / per, (now.Paused - Paused).TotalMilliseconds / per,
                (now.Collections.Gen0 - Collections.Gen0, now.Collections.Gen1 - Collections.Gen1, now.Collections.Gen2 - Collections.Gen2));
        }
    }
}
