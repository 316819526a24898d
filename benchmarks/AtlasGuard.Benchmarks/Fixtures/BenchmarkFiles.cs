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

    /// <summary>A 10 GiB safetensors file: 320 F16 tensors of 32 MiB, sparse body.</summary>
    Safetensors10GiB,

    /// <summary>A folder with a small model.onnx whose 80 initializers are external data in a sparse 5 GiB model.onnx.data.</summary>
    OnnxExternal5GiB,

    /// <summary>A 4 GiB GGUF v3 file: llama metadata, 32,000 tokens, ChatML template, 256 tensor infos, sparse data.</summary>
    Gguf4GiB,

    /// <summary>The same safetensors header layout (320 F16 tensors) with 128 KiB tensors: 40 MiB.</summary>
    Safetensors40MiB,

    /// <summary>The same ONNX graph with 80 initializers of 256 KiB: 20 MiB of external data.</summary>
    OnnxExternal20MiB,

    /// <summary>The same GGUF metadata and 256 tensor infos with 64 KiB tensors: 16 MiB of data.</summary>
    Gguf16MiB,

    /// <summary>A folder holding hard links to the safetensors, ONNX, GGUF, large-array and 2 GiB torch zip fixtures.</summary>
    MixedFolder,

    /// <summary>A 1 GiB tree of ordinary ML source: Python modules, notebooks with logs, numbers and plots, YAML configs.</summary>
    SourceTree1GiB,

    /// <summary>One 50 MB notebook of training logs, long numeric outputs and plots.</summary>
    Notebook50MB,

    /// <summary>A 100 MB Python file whose data literal is a single line.</summary>
    SingleLine100MB,
}

/// <summary>
/// Where the fixtures live and how they are made. They are generated once into <c>$ATLASGUARD_BENCH_DIR</c>
/// (default: <c>$TMPDIR/atlasguard-bench</c>, <c>/tmp/atlasguard-bench</c> without TMPDIR) and reused; the file names
/// carry a generator version, so a change of layout makes new files instead of reusing stale ones.
/// </summary>
public static class BenchmarkFiles
{
    private const string Version = "v1";

    // The source corpus has its own version: v2 writes notebooks as Jupyter does (see SourceCorpus).
    private const string SourceVersion = "v2";

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
        Fixture.Safetensors10GiB => $"safetensors-10gib-{Version}.safetensors",
        Fixture.OnnxExternal5GiB => $"onnx-external-5gib-{Version}",
        Fixture.Gguf4GiB => $"gguf-4gib-{Version}.gguf",
        Fixture.MixedFolder => $"mixed-folder-{Version}",
        Fixture.Safetensors40MiB => $"safetensors-40mib-{Version}.safetensors",
        Fixture.OnnxExternal20MiB => $"onnx-external-20mib-{Version}",
        Fixture.Gguf16MiB => $"gguf-16mib-{Version}.gguf",
        Fixture.SourceTree1GiB => $"source-tree-1gib-{SourceVersion}",
        Fixture.Notebook50MB => $"notebook-50mb-{SourceVersion}.ipynb",
        Fixture.SingleLine100MB => $"single-line-100mb-{SourceVersion}.py",
        _ => throw new ArgumentOutOfRangeException(nameof(fixture)),
    });

    /// <summary>Whether the fixture is complete on disk. The folder fixtures write their last file last.</summary>
    public static bool Exists(Fixture fixture)
    {
        var path = PathOf(fixture);
        return fixture switch
        {
            Fixture.OnnxExternal5GiB or Fixture.OnnxExternal20MiB => File.Exists(Path.Combine(path, "model.onnx")),
            Fixture.MixedFolder => File.Exists(Path.Combine(path, Path.GetFileName(PathOf(Fixture.TorchZip2GiB)))),
            Fixture.SourceTree1GiB => System.IO.Directory.Exists(path),
            _ => File.Exists(path),
        };
    }

    /// <summary>Total size of the fixture's file or of every file under its folder.</summary>
    public static long SizeOf(Fixture fixture)
    {
        var path = PathOf(fixture);
        return System.IO.Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : new FileInfo(path).Length;
    }

    /// <summary>Generates the fixture unless it already exists; returns its path.</summary>
    public static string Ensure(Fixture fixture)
    {
        var path = PathOf(fixture);
        if (Exists(fixture))
        {
            return path;
        }

        var stopwatch = Stopwatch.StartNew();
        Console.Error.WriteLine($"// generating {path} ...");
        Generate(fixture, path);
        Console.Error.WriteLine($"// generated {path}: {SizeOf(fixture):N0} bytes in {stopwatch.Elapsed.TotalSeconds:F1} s");
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
            case Fixture.Safetensors10GiB:
                SparseModelFiles.WriteSafetensors(path);
                break;
            case Fixture.OnnxExternal5GiB:
                SparseModelFiles.WriteOnnxExternal(path);
                break;
            case Fixture.Gguf4GiB:
                SparseModelFiles.WriteGguf(path);
                break;
            case Fixture.Safetensors40MiB:
                SparseModelFiles.WriteSafetensors(path, rows: 256, cols: 256);
                break;
            case Fixture.OnnxExternal20MiB:
                SparseModelFiles.WriteOnnxExternal(path, side: 256);
                break;
            case Fixture.Gguf16MiB:
                SparseModelFiles.WriteGguf(path, rows: 128, cols: 256);
                break;
            case Fixture.MixedFolder:
                WriteMixedFolder(path);
                break;
            case Fixture.SourceTree1GiB:
                SourceCorpus.WriteTree(path, 1L << 30);
                break;
            case Fixture.Notebook50MB:
                SourceCorpus.WriteNotebook(path, 50_000_000);
                break;
            case Fixture.SingleLine100MB:
                SourceCorpus.WriteSingleLine(path, 100_000_000);
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

    /// <summary>Hard links (a copy where links fail) to the other large fixtures, the 2 GiB checkpoint last.</summary>
    private static void WriteMixedFolder(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        var onnx = Path.Combine(path, "onnx");
        System.IO.Directory.CreateDirectory(onnx);
        var onnxSource = Ensure(Fixture.OnnxExternal5GiB);
        Link(Path.Combine(onnxSource, "model.onnx.data"), Path.Combine(onnx, "model.onnx.data"));
        Link(Path.Combine(onnxSource, "model.onnx"), Path.Combine(onnx, "model.onnx"));
        foreach (var source in new[] { Fixture.Safetensors10GiB, Fixture.Gguf4GiB, Fixture.LargeArray, Fixture.TorchZip2GiB })
        {
            var file = Ensure(source);
            Link(file, Path.Combine(path, Path.GetFileName(file)));
        }
    }

    private static void Link(string source, string destination)
    {
        File.Delete(destination);
        var start = new ProcessStartInfo("ln") { RedirectStandardError = true };
        start.ArgumentList.Add(source);
        start.ArgumentList.Add(destination);
        using var ln = Process.Start(start);
        ln?.WaitForExit();
        if (ln is null || ln.ExitCode != 0)
        {
            File.Copy(source, destination, overwrite: true);
        }
    }

    public static string NameOf(Fixture fixture) => fixture switch
    {
        Fixture.LargeArray => "large-array",
        Fixture.OpcodeDense => "opcode-dense",
        Fixture.OpcodeDenseOptimized => "opcode-dense-optimized",
        Fixture.TorchZip16MiB => "torch-zip-16mib",
        Fixture.TorchZip2GiB => "torch-zip-2gib",
        Fixture.Safetensors10GiB => "safetensors-10gib",
        Fixture.OnnxExternal5GiB => "onnx-external-5gib",
        Fixture.Gguf4GiB => "gguf-4gib",
        Fixture.MixedFolder => "mixed-folder",
        Fixture.Safetensors40MiB => "safetensors-40mib",
        Fixture.OnnxExternal20MiB => "onnx-external-20mib",
        Fixture.Gguf16MiB => "gguf-16mib",
        Fixture.SourceTree1GiB => "source-tree-1gib",
        Fixture.Notebook50MB => "notebook-50mb",
        Fixture.SingleLine100MB => "single-line-100mb",
        _ => throw new ArgumentOutOfRangeException(nameof(fixture)),
    };
}
