using System.Collections.Concurrent;
using LeNet.Web.Api;
using Microsoft.AspNetCore.Http;

namespace LeNet.Web;

/// <summary>
/// Where requests wait for the cores, once their body has fully arrived: a request still uploading holds nothing, so
/// slow or stalled clients delay no one. A fixed number of requests decode and recognise at once (one per core by
/// default), images over <see cref="LargeImagePixels"/> one at a time (a 64-megapixel PNG decodes to 256 MB of
/// pixels, so the decode memory of the whole server stays bounded), and the queue is bounded in total (503) and per
/// client address (429), both with <c>Retry-After</c>.
/// </summary>
public sealed class ComputeGate
{
    /// <summary>Images larger than this (declared pixels) decode one at a time.</summary>
    public const long LargeImagePixels = 16_000_000;

    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _largeImages = new(1, 1);
    private readonly ConcurrentDictionary<string, int> _waitingByClient = new();
    private readonly int _maxWaiting;
    private readonly int _maxWaitingPerClient;
    private int _waiting;

    /// <summary>A gate with <paramref name="slots"/> requests computing at once and bounded queues.</summary>
    public ComputeGate(int slots, int maxWaiting, int maxWaitingPerClient)
    {
        _slots = new SemaphoreSlim(slots, slots);
        (_maxWaiting, _maxWaitingPerClient) = (maxWaiting, maxWaitingPerClient);
    }

    /// <summary>Requests computing or waiting to, for diagnostics and tests.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Waits for a slot for <paramref name="client"/>'s image of <paramref name="pixels"/> pixels: the slot to dispose
    /// when done, or the problem to answer when the queue is full.
    /// </summary>
    public async Task<(IDisposable? Slot, IResult? Problem)> EnterAsync(string client, long pixels, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return (null, Problems.Busy($"More than {_maxWaiting} requests are waiting for the server; retry after 1 second."));
        }
        if (_waitingByClient.AddOrUpdate(client, 1, (_, n) => n + 1) > _maxWaitingPerClient)
        {
            Leave(client);
            return (null, Problems.TooManyFromClient($"More than {_maxWaitingPerClient} requests from this client are waiting; retry after 1 second."));
        }
        var large = pixels > LargeImagePixels;
        try
        {
            if (large)
                await _largeImages.WaitAsync(cancellationToken);
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            catch
            {
                if (large)
                    _largeImages.Release();
                throw;
            }
        }
        catch
        {
            Leave(client);
            throw;
        }
        return (new Slot(this, client, large), null);
    }

    private void Leave(string client)
    {
        Interlocked.Decrement(ref _waiting);
        if (_waitingByClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
            _waitingByClient.TryRemove(new KeyValuePair<string, int>(client, 0));
    }

    private sealed class Slot(ComputeGate gate, string client, bool large) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
                return;
            gate._slots.Release();
            if (large)
                gate._largeImages.Release();
            gate.Leave(client);
        }
    }
}
