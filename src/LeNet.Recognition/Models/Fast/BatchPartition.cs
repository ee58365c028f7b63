namespace LeNet.Models.Fast;

/// <summary>
/// How the fast kernels split a batch of images over threads: fixed, contiguous ranges, so each image always lands on
/// the same worker for a given thread count and sums come out in the same order run after run.
/// </summary>
internal static class BatchPartition
{
    /// <summary>Workers for <paramref name="count"/> images on up to <paramref name="threads"/> threads (at least 1, at most the cores).</summary>
    public static int Workers(int count, int threads) => Math.Clamp(Math.Min(count, threads), 1, Environment.ProcessorCount);

    /// <summary>
    /// Calls <paramref name="body"/> with each worker's index and image range, side by side; on the calling thread when
    /// there is one worker.
    /// </summary>
    public static void ForEach(int count, int workers, Action<int, (int Start, int End)> body)
    {
        if (workers == 1)
        {
            body(0, (0, count));
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            body(worker, ((int)((long)count * worker / workers), (int)((long)count * (worker + 1) / workers))));
    }
}
