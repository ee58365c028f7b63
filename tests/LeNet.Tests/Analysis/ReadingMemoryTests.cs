using LeNet.Analysis;

namespace LeNet.Tests.Analysis;

public sealed class ReadingMemoryTests
{
    [Fact]
    public void What_the_reading_thread_allocates_is_counted_per_line()
    {
        var mark = ReadingMemory.Now();
        // Five "lines", each allocating two megabytes.
        var lines = Enumerable.Range(0, 5).Select(_ => new byte[2_000_000]).ToList();

        var memory = mark.Since(lines.Count);

        GC.KeepAlive(lines);
        Assert.InRange(memory.AllocatedMegabytes, 2.0, 2.1);
    }

    [Fact]
    public void Collections_and_their_pauses_are_counted()
    {
        var mark = ReadingMemory.Now();

        GC.Collect();
        var memory = mark.Since(lines: 1);

        Assert.True(memory.Collections.Gen2 >= 1, $"gen-2 collections {memory.Collections.Gen2}");
        Assert.True(memory.Collections.Gen0 >= memory.Collections.Gen2, "a gen-2 collection collects generation 0 too");
        Assert.True(memory.PauseMilliseconds > 0, "a full collection pauses the process");
    }
}
