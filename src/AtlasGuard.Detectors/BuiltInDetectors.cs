using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Scanning.Repositories;
using AtlasGuard.Detectors.Ci;
using AtlasGuard.Detectors.Code;
using AtlasGuard.Detectors.Containers;
using AtlasGuard.Detectors.Dependencies;
using AtlasGuard.Detectors.Models;
using AtlasGuard.Detectors.Models.CoreMl;
using AtlasGuard.Detectors.Models.Flax;
using AtlasGuard.Detectors.Models.Gguf;
using AtlasGuard.Detectors.Models.Keras;
using AtlasGuard.Detectors.Models.LightGbm;
using AtlasGuard.Detectors.Models.Onnx;
using AtlasGuard.Detectors.Models.Pickle;
using AtlasGuard.Detectors.Models.Safetensors;
using AtlasGuard.Detectors.Models.TensorFlow;
using AtlasGuard.Detectors.Models.TfLite;
using AtlasGuard.Detectors.Models.TorchScript;
using AtlasGuard.Detectors.Models.XGBoost;
using AtlasGuard.Detectors.Repositories;
using AtlasGuard.Detectors.Secrets;
using AtlasGuard.Detectors.Services;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Detectors;

/// <summary>The explicit list of built-in detectors and container readers. No reflection, no discovery.</summary>
public static class BuiltInDetectors
{
    /// <summary>Creates the built-in detectors, in the order they run on each target.</summary>
    public static IReadOnlyList<IDetector> CreateDetectors(DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = PicklePolicy.Create(options.AllowedPickleGlobals);
        var pickleOptions = PickleAnalysisOptions.Default;
        return
        [
            new PickleDetector(policy, pickleOptions),
            new NumpyDetector(policy, pickleOptions),
            new SafetensorsDetector(),
            new GgufDetector(),
            new TokenizerConfigDetector(),
            new OnnxDetector(),
            new KerasJsonDetector(),
            new KerasH5Detector(),
            new KerasSavedMetadataDetector(),
            new TensorFlowDetector(),
            new TorchScriptCodeDetector(), new TfLiteDetector(), new FlaxMsgpackDetector(), new XGBoostDetector(), new LightGbmDetector(), new CoreMlDetector(),
            new WorkflowDetector(),
            new PackageIndexDetector(),
            new ComposeServiceDetector(),
            new KubernetesServiceDetector(),
            new HelmValuesServiceDetector(),
            new DockerfileServiceDetector(),
            new ScriptServiceDetector(),
            new NotebookShellServiceDetector(),
            new SystemdServiceDetector(),
            new ServiceConfigDetector(),
            new SecretsDetector(),
            new CodeDetector(),
            new EmptyArtifactDetector(),
        ];
    }

    /// <summary>Creates the built-in container readers; the first that can read a target opens it.</summary>
    public static IReadOnlyList<IContainerReader> CreateContainers() => BuiltInContainers.All;

    /// <summary>Creates the built-in repository analysers, which look at folders as a whole.</summary>
    public static IReadOnlyList<IRepositoryAnalyzer> CreateRepositoryAnalyzers() => [new HuggingFaceRepositoryAnalyzer()];

    /// <summary>Creates a validated set of everything built in.</summary>
    public static DetectorSet CreateSet(DetectorOptions options) =>
        new(CreateDetectors(options), CreateContainers(), CreateRepositoryAnalyzers());
}
