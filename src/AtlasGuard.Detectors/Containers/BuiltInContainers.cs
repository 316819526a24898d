using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Containers;

/// <summary>The built-in container readers, in the fixed order the engine tries them.</summary>
public static class BuiltInContainers
{
    /// <summary>ZIP (PyTorch, TorchScript, NPZ, Keras, MAR, any ZIP), tar (incl. legacy PyTorch), compressed streams.</summary>
    public static IReadOnlyList<IContainerReader> All { get; } =
    [
        new ZipContainerReader(),
        new TarContainerReader(),
        new CompressedStreamReader(),
        new SevenZipContainerReader(),
    ];
}
