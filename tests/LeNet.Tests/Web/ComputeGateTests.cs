using LeNet.Web;
using Microsoft.AspNetCore.Http;

namespace LeNet.Tests.Web;

public sealed class ComputeGateTests
{
    [Fact]
    public async Task A_client_over_its_share_of_the_queue_is_refused_with_429_while_others_wait_their_turn()
    {
        var gate = new ComputeGate(slots: 1, maxWaiting: 10, maxWaitingPerClient: 1);
        var (first, _) = await gate.EnterAsync("10.0.0.1", 100, CancellationToken.None);

        var (refusedSlot, refused) = await gate.EnterAsync("10.0.0.1", 100, CancellationToken.None);
        var other = gate.EnterAsync("10.0.0.2", 100, CancellationToken.None);

        Assert.Null(refusedSlot);
        Assert.Equal(StatusCodes.Status429TooManyRequests, Assert.IsAssignableFrom<IStatusCodeHttpResult>(refused).StatusCode);
        Assert.False(other.IsCompleted);
        first!.Dispose();
        var (otherSlot, otherProblem) = await other.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(otherProblem);
        otherSlot!.Dispose();
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task A_full_queue_is_refused_with_503_and_frees_as_requests_finish()
    {
        var gate = new ComputeGate(slots: 1, maxWaiting: 2, maxWaitingPerClient: 2);
        var (first, _) = await gate.EnterAsync("a", 100, CancellationToken.None);
        var second = gate.EnterAsync("b", 100, CancellationToken.None);

        var (_, refused) = await gate.EnterAsync("c", 100, CancellationToken.None);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsAssignableFrom<IStatusCodeHttpResult>(refused).StatusCode);
        first!.Dispose();
        (await second).Slot!.Dispose();
        var (again, problem) = await gate.EnterAsync("c", 100, CancellationToken.None);
        Assert.Null(problem);
        again!.Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_back_its_place_in_the_queue()
    {
        var gate = new ComputeGate(slots: 1, maxWaiting: 10, maxWaitingPerClient: 1);
        var (first, _) = await gate.EnterAsync("a", 100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync("b", 100, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first!.Dispose();
        Assert.Equal(0, gate.Waiting);
        var (slot, problem) = await gate.EnterAsync("b", 100, CancellationToken.None);
        Assert.Null(problem);
        slot!.Dispose();
    }
}
