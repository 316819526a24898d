using AtlasGuard.Benchmarks;
using AtlasGuard.Benchmarks.Fixtures;
using BenchmarkDotNet.Running;

// Modes besides BenchmarkDotNet's own command line (--filter '*', --list flat, ...):
//   --generate [case...]             write the fixtures that are missing (all when no case is named)
//   --peak-memory <case>             one scan in this fresh process; prints peak working set and GC figures
//   --peak-memory-path <path>        the same for any file or folder (e.g. made by benchmarks/python/make_keras_tf_sparse.py)
//   --write-sample <kind> <path>     small fixtures for benchmarks/python/check_fixtures.py
//   --catalog-cold                   the first AtlasCatalog.Embedded in this fresh process, JIT included
//   --threat-model-cold              the first load of a 500-component threat model in this fresh process
//   --discovery-cold                 the first pipeline discovery over a 3,300-file repository in this fresh process
//   --code-throughput [MB]           code detector MB/s over generated Python modules, a 50 MB notebook and a 100 MB line
//   --threat-engine-cold             load + rules + evaluate of a 500-component threat model in this fresh process
if (args.Length > 0 && args[0] == "--generate")
{
    var fixtures = args.Length > 1 ? args.Skip(1).Select(ParseFixture).ToArray() : Enum.GetValues<Fixture>();
    foreach (var fixture in fixtures)
    {
        Console.WriteLine(BenchmarkFiles.Ensure(fixture));
    }

    return 0;
}

if (args.Length > 0 && args[0] == "--peak-memory")
{
    return args.Length == 2 ? await PeakMemory.RunAsync(args[1]) : Usage();
}

if (args.Length > 0 && args[0] == "--peak-memory-path")
{
    return args.Length == 2 ? await PeakMemory.RunPathAsync(args[1]) : Usage();
}

if (args.Length == 1 && args[0] == "--catalog-cold")
{
    return CatalogBenchmarks.MeasureColdStart();
}

if (args.Length == 1 && args[0] == "--threat-model-cold")
{
    return ThreatModelBenchmarks.MeasureColdStart();
}

if (args.Length == 1 && args[0] == "--discovery-cold")
{
    return await DiscoveryBenchmarks.MeasureColdStart();
}

if (args.Length == 1 && args[0] == "--threat-engine-cold")
{
    return ThreatEngineBenchmarks.MeasureColdStart();
}

if (args.Length == 1 && args[0] == "--services-throughput")
{
    return await ServiceScanBenchmarks.Measure(); // files/s and MB/s of the services benchmark tree
}
if (args is ["--secrets-throughput"]) { return await SecretsBenchmarks.MeasureAsync(); }
if (args.Length is 1 or 2 && args[0] == "--code-throughput")
{
    return await CodeScanBenchmarks.MeasureAsync(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 150);
}

if (args.Length > 0 && args[0] == "--write-sample")
{
    return args.Length == 3 ? Samples.Write(args[1], args[2]) : Usage();
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;

static Fixture ParseFixture(string name) =>
    BenchmarkFiles.TryParse(name, out var fixture) ? fixture : throw new ArgumentException($"unknown case '{name}'");

static int Usage()
{
    Console.Error.WriteLine("""
        usage: AtlasGuard.Benchmarks [BenchmarkDotNet options, e.g. --filter '*']
               AtlasGuard.Benchmarks --generate [large-array|opcode-dense|opcode-dense-optimized|torch-zip-16mib|torch-zip-2gib|
                                          safetensors-10gib|safetensors-40mib|onnx-external-5gib|
                                          onnx-external-20mib|gguf-4gib|gguf-16mib|mixed-folder ...]
               AtlasGuard.Benchmarks --peak-memory <large-array|large-array-read|opcode-dense|opcode-dense-optimized|
                                                   torch-zip-16mib|torch-zip-2gib|safetensors-10gib|
                                                   safetensors-40mib|onnx-external-5gib|onnx-external-20mib|
                                                   gguf-4gib|gguf-16mib|mixed-folder>
               AtlasGuard.Benchmarks --peak-memory-path <file or folder>
               AtlasGuard.Benchmarks --write-sample <large-array|opcode-dense|opcode-dense-optimized|torch-data-pkl|torch-zip> <path>
               AtlasGuard.Benchmarks --catalog-cold
               AtlasGuard.Benchmarks --threat-model-cold
               AtlasGuard.Benchmarks --discovery-cold
               AtlasGuard.Benchmarks --threat-engine-cold
        """);
    return 2;
}
