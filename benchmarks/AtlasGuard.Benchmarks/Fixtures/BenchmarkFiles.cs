using System.Diagnostics;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>The generated fixtures of the benchmarks.</summary>
public enum Fixture
{
    /// <summary>1 GiB protocol-4 pickle of a dict of 16 float32 arrays of 64 MiB.</summary>
    LargeArray,

    /// <summary>A 303.6 MB protocol-4 pickle of 3.5 million small dicts.</summary>
    OpcodeDense,

    /// <summary>The same records without the MEMOIZEs that no BINGET uses (as pickletools.optimize leaves them).</summary>
    OpcodeDenseOptimized,

    /// <summary>PyTorch zip checkpoint whose tensor storage archive/data/0 is 16 MiB.</summary>
    TorchZip16MiB,

    /// <summary>The same checkpoint with a 2 GiB storage.</summary>
    TorchZip2GiB,
}

/// <summary>
/// Where the fixtures live and how they are made. They are generated once into <c>$ATLASGUARD_BENCH_DIR</c>
/// (default: <c>$TMPDIR/atlasguard-bench</c>, <c>/tmp/atlasguard-bench</c> without TMPDIR) and reused; the file names
/// carry a generator version, so a change of layout makes new files instead of reusing stale ones.
/// </summary>
public static class BenchmarkFiles
{
    private const string Version = "v1";

    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("ATLASGUARD_BENCH_DIR");
            return string.IsNullOrEmpty(configured) ? Path.Combine(Path.GetTempPath(), "atlasguard-bench") : configured;
        }
    }

    public static string PathOf(Fixture fixture) => Path.Combine(Directory, fixture switch
    {
        Fixture.LargeArray => $"large-array-{Version}.pkl",
        Fixture.OpcodeDense => $"opcode-dense-{Version}.pkl",
        Fixture.OpcodeDenseOptimized => $"opcode-dense-optimized-{Version}.pkl",
        Fixture.TorchZip16MiB => $"torch-zip-16mib-{Version}.pt",
        Fixture.TorchZip2GiB => $"torch-zip-2gib-{Version}.pt",
        _ => throw new ArgumentOutOfRangeException(nameof(fixture)),
    });

    /// <summary>Generates the fixture unless it already exists; returns its path.</summary>
    public static string Ensure(Fixture fixture)
    {
        var path = PathOf(fixture);
        if (File.Exists(path))
        {
            return path;
        }

        var stopwatch = Stopwatch.StartNew();
        Console.Error.WriteLine($"// generating {path} ...");
        Generate(fixture, path);
        Console.Error.WriteLine($"// generated {path}: {new FileInfo(path).Length:N0} bytes in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return path;
    }

    public static void Generate(Fixture fixture, string path)
    {
        switch (fixture)
        {
            case Fixture.LargeArray:
                NumpyDictPickle.Write(path);
                break;
            case Fixture.OpcodeDense:
                RecordListPickle.Write(path);
                break;
            case Fixture.OpcodeDenseOptimized:
                RecordListPickle.Write(path, memoizeAll: false);
                break;
            case Fixture.TorchZip16MiB:
                TorchCheckpoint.Write(path, 16L << 20);
                break;
            case Fixture.TorchZip2GiB:
                TorchCheckpoint.Write(path, 2L << 30);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fixture));
        }
    }

    /// <summary>Parses a case name: large-array, opcode-dense, opcode-dense-optimized, torch-zip-16mib, torch-zip-2gib.</summary>
    public static bool TryParse(string name, out Fixture fixture)
    {
        foreach (var candidate in Enum.GetValues<Fixture>())
        {
            if (string.Equals(name, NameOf(candidate), StringComparison.OrdinalIgnoreCase))
            {
                fixture = candidate;
                return true;
            }
        }

        fixture = default;
        return false;
    }

    public static string NameOf(Fixture fixture) => fixture switch
    {
        Fixture.LargeArray => "large-array",
        Fixture.OpcodeDense => "opcode-dense",
        Fixture.OpcodeDenseOptimized => "opcode-dense-optimized",
        Fixture.TorchZip16MiB => "torch-zip-16mib",
        Fixture.TorchZip2GiB => "torch-zip-2gib",
        _ => throw new ArgumentOutOfRangeException(nameof(fixture)),
    };
}
