using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the Vernaux entry that names <see cref="Version"/> in each ELF64 file's .gnu.version_r,
/// unless the system libstdc++ already defines that version. The file is rewritten atomically (temp file + rename).
/// </summary>
public sealed class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        if (SystemLibstdcxxDefines(Version))
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ provides {Version}; nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var outcome = Patch(path, Version);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"{path}: cannot mark {Version} weak: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static bool SystemLibstdcxxDefines(string version)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
                return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
        }
        return false; // Unknown system: patching is harmless, the requirement only becomes optional.
    }

    private static string Patch(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        var sectionHeaders = (long)U64(elf, 0x28);
        int entrySize = U16(elf, 0x3A), count = U16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = (int)(sectionHeaders + (long)i * entrySize);
            if (U32(elf, header + 4) != ShtGnuVerneed)
                continue;
            var offset = (int)U64(elf, header + 0x18);
            var link = U32(elf, header + 0x28);
            var strings = (int)U64(elf, (int)(sectionHeaders + (long)link * entrySize) + 0x18);
            return PatchVerneed(path, elf, offset, strings, version);
        }
        throw new InvalidDataException("no .gnu.version_r section");
    }

    private static string PatchVerneed(string path, byte[] elf, int verneed, int strings, string version)
    {
        for (var need = verneed; ; )
        {
            int auxCount = U16(elf, need + 2);
            var aux = need + (int)U32(elf, need + 8);
            for (var j = 0; j < auxCount; j++)
            {
                if (CString(elf, strings + (int)U32(elf, aux + 8)) == version)
                {
                    var flags = U16(elf, aux + 4);
                    if ((flags & VerFlagWeak) != 0)
                        return $"{version} already weak";
                    var patched = (ushort)(flags | VerFlagWeak);
                    elf[aux + 4] = (byte)(patched & 0xff);
                    elf[aux + 5] = (byte)(patched >> 8);
                    var temp = path + ".patching";
                    File.WriteAllBytes(temp, elf);
                    File.Replace(temp, path, null); // rename over the original: readers see old or new, never half
                    return $"marked {version} weak";
                }
                aux += (int)U32(elf, aux + 12);
            }
            var next = U32(elf, need + 12);
            if (next == 0)
                return $"{version} not required";
            need += (int)next;
        }
    }

    private static ushort U16(byte[] b, int o) => (ushort)(b[o] | b[o + 1] << 8);
    private static uint U32(byte[] b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    private static ulong U64(byte[] b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

    private static string CString(byte[] b, int o)
    {
        var end = Array.IndexOf(b, (byte)0, o);
        return Encoding.ASCII.GetString(b, o, end - o);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
