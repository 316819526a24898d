using AtlasGuard.Detectors.Models.Pickle;

namespace AtlasGuard.Detectors.Tests.Models.Pickle;

public sealed class PicklePolicyTests
{
    private static readonly PicklePolicy Policy = PicklePolicy.Create([]);

    [Theory]
    [InlineData("posix", "system")]
    [InlineData("nt", "system")]
    [InlineData("os", "system")]
    [InlineData("__builtin__", "eval")]
    [InlineData("builtins", "exec")]
    [InlineData("builtins", "getattr")]
    [InlineData("_operator", "attrgetter")]
    [InlineData("_pickle", "loads")]
    [InlineData("asyncio.unix_events", "_UnixSubprocessTransport._start")]
    [InlineData("pathlib", "os.system")]
    [InlineData("torch", "serialization.os.system")]
    [InlineData("numpy", "__builtins__")]
    [InlineData("collections", "OrderedDict.__init__.__globals__")]
    [InlineData("pip._internal.cli.main", "main")]
    [InlineData("torch", "load")]
    [InlineData("torch.storage", "_load_from_bytes")]
    [InlineData("numpy.testing._private.utils", "runstring")]
    [InlineData("pandas", "read_pickle")]
    [InlineData("logging.config", "dictConfig")]
    [InlineData("_posixsubprocess", "fork_exec")]
    [InlineData("fickling", "check_safety")]
    public void Dangerous_whatever_the_spelling(string module, string name) =>
        Assert.Equal(GlobalKind.Dangerous, Policy.Classify(module, name).Kind);

    [Theory]
    [InlineData("torch._utils", "_rebuild_tensor_v2")]
    [InlineData("torch", "FloatStorage")]
    [InlineData("collections", "OrderedDict")]
    [InlineData("__builtin__", "set")]
    [InlineData("copy_reg", "_reconstructor")]
    [InlineData("_codecs", "encode")]
    [InlineData("numpy._core.multiarray", "_reconstruct")]
    [InlineData("numpy", "dtype")]
    [InlineData("sklearn.ensemble._forest", "RandomForestClassifier")]
    [InlineData("torch.nn.modules.linear", "Linear")]
    [InlineData("joblib.numpy_pickle", "NumpyArrayWrapper")]
    public void Safe_names_real_models_need(string module, string name) =>
        Assert.Equal(GlobalKind.Safe, Policy.Classify(module, name).Kind);

    [Theory]
    [InlineData("fraudlib.models", "FraudNet")]
    [InlineData("__main__", "Net")]
    [InlineData("torch.nn.modules.linear", "Linear.forward")]
    [InlineData("sklearn.ensemble._forest", "_private_helper")]
    [InlineData("mymodule", "")]
    public void Unknown_otherwise(string module, string name) =>
        Assert.Equal(GlobalKind.Unknown, Policy.Classify(module, name).Kind);

    [Fact]
    public void TorchScript_classes_are_safe_only_inside_TorchScript_archives()
    {
        Assert.Equal(GlobalKind.Safe, Policy.Classify("__torch__.model", "Net", torchScript: true).Kind);
        Assert.Equal(GlobalKind.Unknown, Policy.Classify("__torch__.model", "Net", torchScript: false).Kind);
    }

    [Fact]
    public void User_allowlist_adds_names_but_never_overrides_dangerous_ones()
    {
        var policy = PicklePolicy.Create(["fraudlib.models.FraudNet", "fraudlib.layers.*", "acme.**", "os.system", "subprocess.*"]);

        Assert.Equal(GlobalKind.Safe, policy.Classify("fraudlib.models", "FraudNet").Kind);
        Assert.Equal(GlobalKind.Safe, policy.Classify("fraudlib.layers", "Gate").Kind);
        Assert.Equal(GlobalKind.Unknown, policy.Classify("fraudlib.layers.deep", "Gate").Kind);
        Assert.Equal(GlobalKind.Safe, policy.Classify("acme.deep.er", "Thing").Kind);
        Assert.Equal(GlobalKind.Dangerous, policy.Classify("posix", "system").Kind);
        Assert.Equal(GlobalKind.Dangerous, policy.Classify("subprocess", "Popen").Kind);
    }

    [Fact]
    public void Dangerous_verdicts_carry_a_reason() =>
        Assert.False(string.IsNullOrWhiteSpace(Policy.Classify("posix", "system").Reason));
}
