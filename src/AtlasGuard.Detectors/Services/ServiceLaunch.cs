using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Detectors.Services;

/// <summary>Whose network a launched service listens in.</summary>
internal enum LaunchContext
{
    /// <summary>A machine's own network: a script, a systemd unit, host networking.</summary>
    Host,

    /// <summary>A container whose ports reach the outside only where they are published.</summary>
    Container,

    /// <summary>A Kubernetes pod, reached through Services, Ingresses and host ports.</summary>
    Pod,

    /// <summary>An image a Dockerfile builds: what it exposes and how it starts.</summary>
    Image,
}

/// <summary>A way in from other machines to a range of container ports.</summary>
/// <param name="From">First port.</param>
/// <param name="To">Last port.</param>
/// <param name="How">What opens it, for messages (e.g. <c>port "8265:8265" published on all host interfaces</c>).</param>
/// <param name="Line">The file line that opens it.</param>
internal sealed record OpenPort(int From, int To, string How, int Line)
{
    public static OpenPort Every(string how, int line) => new(1, 65535, how, line);

    public bool Covers(int port) => port >= From && port <= To;
}

/// <summary>
/// One MLOps service as a deployment file starts it: the product, its command words and environment, and the
/// ways other machines can reach its ports. Built by the readers of compose files, manifests, Helm values,
/// Dockerfiles, scripts and units; judged by the product checks.
/// </summary>
internal sealed class ServiceLaunch
{
    public required MlopsService Service { get; init; }

    public required LaunchContext Context { get; init; }

    /// <summary>What it is, for messages: <c>compose service 'ray-head'</c>, <c>Deployment 'mlflow'</c>, <c>line 12</c>.</summary>
    public required string Where { get; init; }

    /// <summary>The line of the service definition or command.</summary>
    public required int Line { get; init; }

    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>The line of the command words.</summary>
    public int CommandLine { get; init; }

    public SortedDictionary<string, (string? Value, int Line)> Env { get; } = new(StringComparer.Ordinal);

    public List<OpenPort> Open { get; } = [];

    /// <summary>Whether it shares the host's network (network_mode: host, hostNetwork: true, --network host).</summary>
    public bool HostNetwork { get; init; }

    /// <summary>Authentication put in front of it by the deployment (an Ingress auth annotation, a chart's auth switch), or null.</summary>
    public string? FrontAuth { get; set; }

    /// <summary>Where the product listens when nothing says (KubeRay binds the dashboard to all interfaces), overriding the catalog.</summary>
    public string? DefaultListen { get; init; }

    public string? Flag(string name) => CommandFlags.Value(Words, name);

    public int FlagLine => CommandLine > 0 ? CommandLine : Line;

    /// <summary>An environment variable's value with surrounding quotes removed, or null when unset.</summary>
    public string? EnvValue(string name) => Env.TryGetValue(name, out var v) ? v.Value?.Trim().Trim('"', '\'') : null;

    public int EnvLine(string name) => Env.TryGetValue(name, out var v) && v.Line > 0 ? v.Line : Line;

    /// <summary>The port a default port moved to by a port flag or variable.</summary>
    public int PortOf(int defaultPort)
    {
        foreach (var setting in Service.PortSettings.Where(s => s.Port == defaultPort))
        {
            var value = setting.Kind == ServiceSettingKind.Flag ? Flag(setting.Name) : EnvValue(setting.Name);
            if (int.TryParse(value?.Trim('"', '\''), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            {
                return port;
            }
        }

        return defaultPort;
    }

    /// <summary>The value a setting has here (flag value or variable value), or null when absent.</summary>
    public string? ValueOf(ServiceSetting setting) => setting.Kind == ServiceSettingKind.Flag ? Flag(setting.Name) : EnvValue(setting.Name);

    public int LineOf(ServiceSetting setting) => setting.Kind == ServiceSettingKind.Flag ? FlagLine : EnvLine(setting.Name);
}
