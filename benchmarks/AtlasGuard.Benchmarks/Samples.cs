using AtlasGuard.Benchmarks.Fixtures;

namespace AtlasGuard.Benchmarks;

/// <summary>Small versions of the fixtures, written by the same code, for checking against Python's own output.</summary>
internal static class Samples
{
    public const int LargeArrayArrays = 3;
    public const int LargeArrayRows = 64;
    public const int LargeArrayCols = 300;
    public const int OpcodeDenseRecords = 5_000;
    public const int TorchEmbeddingRows = 4;

    public static int Write(string kind, string path)
    {
        switch (kind)
        {
            case "large-array":
                NumpyDictPickle.Write(path, LargeArrayArrays, LargeArrayRows, LargeArrayCols);
                break;
            case "opcode-dense":
                RecordListPickle.Write(path, OpcodeDenseRecords);
                break;
            case "opcode-dense-optimized":
                RecordListPickle.Write(path, OpcodeDenseRecords, memoizeAll: false);
                break;
            case "torch-data-pkl":
                File.WriteAllBytes(path, TorchCheckpoint.DataPickle(TorchEmbeddingRows));
                break;
            case "torch-zip":
                TorchCheckpoint.Write(path, TorchEmbeddingRows * 4096L * sizeof(float));
                break;
            default:
                Console.Error.WriteLine($"unknown sample kind '{kind}'");
                return 2;
        }

        Console.WriteLine(path);
        return 0;
    }
}
