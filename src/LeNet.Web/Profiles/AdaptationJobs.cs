using System.Collections.Concurrent;
using LeNet.Adaptation;
using LeNet.Data;
using Microsoft.Extensions.Logging;

namespace LeNet.Web.Profiles;

/// <summary>Where a profile's adaptation stands: <c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</summary>
public sealed record AdaptationStatus(string State, double Progress, string? Message, DateTimeOffset StartedUtc);

/// <summary>
/// Fine-tunes profiles in the background, one at a time (tuning uses the cores; requests keep answering meanwhile),
/// at most one job per profile: asking again while one is queued or running returns that job. A finished model
/// replaces the profile's atomically, so a crash mid-way leaves the previous model in place.
/// </summary>
public sealed class AdaptationJobs(ProfileStore store, AdaptOptions options, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, AdaptationStatus> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Lazy<Rehearsal> _rehearsal = new(() => Rehearsal.Generated(store.Classes, threads: options.Threads));
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The profile's latest job, if any since the server started.</summary>
    public AdaptationStatus? StatusOf(string name) => _status.GetValueOrDefault(name);

    /// <summary>Starts adapting <paramref name="name"/> (or returns the job already under way).</summary>
    public AdaptationStatus Start(string name)
    {
        var queued = new AdaptationStatus("queued", 0, null, DateTimeOffset.UtcNow);
        var status = _status.AddOrUpdate(name, queued, (_, old) => old.State is "queued" or "running" ? old : queued);
        if (!ReferenceEquals(status, queued))
            return status;
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _running[name] = cancel;
        _ = Task.Factory.StartNew(() => Run(name, cancel.Token), cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return queued;
    }

    /// <summary>Stops the profile's job, if one is under way (before a reset).</summary>
    public void Cancel(string name)
    {
        if (_running.TryRemove(name, out var cancel))
            cancel.Cancel();
        _status.TryRemove(name, out _);
    }

    private async Task Run(string name, CancellationToken cancellationToken)
    {
        var started = _status[name].StartedUtc;
        try
        {
            await _oneAtATime.WaitAsync(cancellationToken);
            try
            {
                Report(name, new AdaptationStatus("running", 0, null, started));
                var examples = ReadExamples(name);
                var progress = new Progress(p => Report(name, new AdaptationStatus("running", p, null, started)));
                var model = RecognizerAdaptation.AdaptToBytes(store.BaseReader.Content!, examples, $"profile {name}", options, _rehearsal.Value, progress, cancellationToken);
                await store.LockOf(name).WaitAsync(cancellationToken);
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    store.SaveModel(name, model);
                }
                finally
                {
                    store.LockOf(name).Release();
                }
                Report(name, new AdaptationStatus("done", 1, $"adapted to {examples.Count} examples", started));
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("Adapting profile {Profile} was cancelled", name);
        }
        catch (Exception e) when (e is LeNetException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Adapting profile {Profile} failed: {Problem}", name, e.Message);
            Report(name, new AdaptationStatus("failed", 0, e.Message, started));
        }
        finally
        {
            _running.TryRemove(name, out _);
        }
    }

    /// <summary>The profile's stored examples, prepared as <c>predict</c> prepares images.</summary>
    private Examples ReadExamples(string name)
    {
        var folder = ImageFolder.Read(store.ExamplesFolder(name), threads: 1, minimumClasses: 1);
        return Examples.From(folder);
    }

    private void Report(string name, AdaptationStatus status)
    {
        // A reset removes the job; a late report must not bring it back.
        if (_status.TryGetValue(name, out var current))
            _status.TryUpdate(name, status, current);
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
