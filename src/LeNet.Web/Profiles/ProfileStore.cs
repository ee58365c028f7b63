using System.Collections.Concurrent;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Models;
using Microsoft.Extensions.Logging;

namespace LeNet.Web.Profiles;

/// <summary>What one profile holds: its corrected examples per class, and whether it has its own model.</summary>
public sealed record ProfileState(string Name, IReadOnlyDictionary<string, int> Examples, int Total, int Limit, bool Adapted, DateTimeOffset? AdaptedUtc);

/// <summary>
/// Profiles on disk: <c>ROOT/NAME/examples/LABEL/*.png</c> (an image folder, so <c>lenet finetune --images</c> reads it
/// too) and <c>ROOT/NAME/model.lenet</c>, the profile's adapted model. Every file is written atomically; a profile's
/// changes are serialised; nothing is shared between profiles. Examples are stored shrunk (at most
/// <see cref="StoredSide"/> pixels on the longer side), so a profile's size is bounded by its count limit.
/// </summary>
public sealed class ProfileStore(string root, DigitRecognizer baseReader, int maxExamples, int maxProfiles, ILogger logger)
{
    /// <summary>The longer side of a stored example: ample for a 28 × 28 field, small on disk.</summary>
    public const int StoredSide = 160;

    private const string ModelFileName = "model.lenet";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTime Stamp, DigitRecognizer Reader)> _readers = new(StringComparer.Ordinal);

    /// <summary>Most examples one profile keeps.</summary>
    public int MaxExamples => maxExamples;

    /// <summary>The classes a correction may name: the base reader's.</summary>
    public IReadOnlyList<string> Classes => baseReader.Metadata.ClassNames;

    /// <summary>The reader that starts every profile.</summary>
    public DigitRecognizer BaseReader => baseReader;

    /// <summary>The folder of a (valid) profile's examples.</summary>
    public string ExamplesFolder(string name) => Path.Combine(root, name, "examples");

    private string ModelPath(string name) => Path.Combine(root, name, ModelFileName);

    /// <summary>The lock that serialises changes to one profile.</summary>
    public SemaphoreSlim LockOf(string name) => _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));

    /// <summary>The profile's state (an unknown profile is empty).</summary>
    public ProfileState State(string name)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var folder = ExamplesFolder(name);
        if (Directory.Exists(folder))
        {
            foreach (var label in Directory.EnumerateDirectories(folder))
                counts[Path.GetFileName(label)] = Directory.EnumerateFiles(label, "*.png").Count();
        }
        var model = ModelPath(name);
        var adapted = File.Exists(model);
        return new ProfileState(name, counts, counts.Values.Sum(), maxExamples, adapted, adapted ? File.GetLastWriteTimeUtc(model) : null);
    }

    /// <summary>Stores one corrected example; null when stored, else why not.</summary>
    public string? Add(string name, GrayImage image, string label, CancellationToken cancellationToken)
    {
        if (!Classes.Contains(label) || label.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || label is "." or "..")
            return $"label '{label}': not one of the classes this reader reads ({string.Join(" ", Classes)})";
        if (MnistFormatter.Prepare(image).Field is null)
            return "no ink found: the image looks blank";
        var gate = LockOf(name);
        gate.Wait(cancellationToken);
        try
        {
            if (!Directory.Exists(Path.Combine(root, name)) && CountProfiles() >= maxProfiles)
                return $"the server holds {maxProfiles:N0} profiles, the most it keeps; reset one first";
            if (State(name).Total >= maxExamples)
                return $"profile '{name}' holds {maxExamples:N0} examples, the most one profile keeps; reset it to start again";
            var folder = Path.Combine(ExamplesFolder(name), label);
            Directory.CreateDirectory(folder);
            var side = Math.Max(image.Width, image.Height);
            var stored = side <= StoredSide ? image : ImageOps.ResizeArea(image, StoredSide / (float)side);
            AtomicFile.WriteBytes(Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.png"), Reporting.Png.Encode(stored));
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private int CountProfiles() => Directory.Exists(root) ? Directory.EnumerateDirectories(root).Count() : 0;

    /// <summary>Replaces the profile's model (atomically: a crash leaves the previous one).</summary>
    public void SaveModel(string name, byte[] model)
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        AtomicFile.WriteBytes(ModelPath(name), model);
    }

    /// <summary>Forgets the profile: its examples and its model.</summary>
    public async Task ResetAsync(string name, CancellationToken cancellationToken)
    {
        var gate = LockOf(name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var folder = Path.Combine(root, name);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            if (_readers.TryRemove(name, out var old))
                old.Reader.Dispose();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The reader for <paramref name="name"/>: its adapted model when it has one that loads, else the base reader.
    /// A damaged model file is logged and ignored, never served.
    /// </summary>
    public DigitRecognizer ReaderFor(string? name)
    {
        if (name is null || !File.Exists(ModelPath(name)))
            return baseReader;
        var stamp = File.GetLastWriteTimeUtc(ModelPath(name));
        if (_readers.TryGetValue(name, out var cached) && cached.Stamp == stamp)
            return cached.Reader;
        try
        {
            var reader = DigitRecognizer.FromContent(ModelFileContent.Read(ModelPath(name)), $"profile {name}", baseReader.Options);
            _readers[name] = (stamp, reader); // the replaced reader may still be in use by a request: left to the collector
            return reader;
        }
        catch (LeNetException e)
        {
            logger.LogWarning("Profile {Profile}: its model does not load ({Problem}); reading with the base model", name, e.Message);
            return baseReader;
        }
    }
}
