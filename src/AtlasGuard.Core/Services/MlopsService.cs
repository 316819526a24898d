using System.Collections.Immutable;

namespace AtlasGuard.Core.Services;

/// <summary>
/// What AtlasGuard knows about one MLOps product: how to recognise it in deployment files and which of its
/// settings decide authentication and the listening interface. Loaded from <c>Services/Data/mlops-services.json</c>.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>ray</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="ComponentType">The threat-model component type it maps to, e.g. <c>orchestrator</c>.</param>
/// <param name="Product">The product word the threat model uses for it, when the type has one.</param>
/// <param name="Images">Container image repository patterns (no registry host or tag; a trailing <c>*</c> matches any suffix).</param>
/// <param name="Commands">Command-line beginnings that start it, e.g. <c>mlflow server</c>.</param>
/// <param name="KubernetesKinds">Custom resource kinds as <c>group/Kind</c>, e.g. <c>ray.io/RayCluster</c>.</param>
/// <param name="Ports">Default ports inside the container.</param>
/// <param name="DashboardPort">The port of its web UI or control API, if it has one.</param>
/// <param name="DefaultAuth">Authentication when no setting is present, as a threat-model auth word; null when it depends.</param>
/// <param name="AuthSettings">Flags and environment variables that switch authentication on or off.</param>
/// <param name="ListenSettings">Flags and environment variables that choose the listening interface.</param>
/// <param name="Props">Further threat-model properties that follow from the product itself, e.g. <c>storage</c>.</param>
/// <param name="Note">One line on why its exposure matters.</param>
public sealed record MlopsService(
    string Id,
    string Name,
    string ComponentType,
    string? Product,
    ImmutableArray<string> Images,
    ImmutableArray<string> Commands,
    ImmutableArray<string> KubernetesKinds,
    ImmutableArray<ServicePort> Ports,
    int? DashboardPort,
    string? DefaultAuth,
    ImmutableArray<ServiceSetting> AuthSettings,
    ImmutableArray<ServiceSetting> ListenSettings,
    ImmutableDictionary<string, string> Props,
    string? Note)
{
    /// <summary>Whether <paramref name="port"/> is one of its default ports.</summary>
    public bool HasPort(int port) => Ports.Any(p => p.Port == port);

    /// <summary>Flags and environment variables that move one of its default ports elsewhere.</summary>
    public ImmutableArray<ServicePortSetting> PortSettings { get; init; } = [];

    /// <summary>Where the program listens when no listen setting is given: <c>all</c> interfaces, <c>loopback</c>, or null when unknown.</summary>
    public string? DefaultListen { get; init; }

    /// <summary>Where its official image makes it listen when nothing says (e.g. the Ollama image sets <c>OLLAMA_HOST=0.0.0.0</c>), or null.</summary>
    public string? ImageListen { get; init; }
}

/// <summary>A flag or environment variable whose value replaces one of the default ports.</summary>
/// <param name="Kind">Flag or environment variable.</param>
/// <param name="Name">Its name, e.g. <c>--dashboard-port</c>.</param>
/// <param name="Port">The default port it replaces.</param>
public sealed record ServicePortSetting(ServiceSettingKind Kind, string Name, int Port);

/// <summary>A default port and what listens on it.</summary>
/// <param name="Port">Port number inside the container.</param>
/// <param name="Role">What it serves, e.g. <c>dashboard and jobs API</c>.</param>
public sealed record ServicePort(int Port, string Role)
{
    /// <summary>Whether the port serves an API that controls the service or runs code (jobs, management, model loading, notebooks).</summary>
    public bool Control { get; init; }
}

/// <summary>Where a setting is written.</summary>
public enum ServiceSettingKind
{
    /// <summary>A command-line flag (<c>--name=value</c> or <c>--name value</c>).</summary>
    Flag,

    /// <summary>An environment variable.</summary>
    Env,
}

/// <summary>A flag or environment variable with meaning for security.</summary>
/// <param name="Kind">Flag or environment variable.</param>
/// <param name="Name">Its name, e.g. <c>--ServerApp.token</c> or <c>RAY_AUTH_MODE</c>.</param>
/// <param name="Value">The value that carries the meaning: null for any non-empty value, empty for an empty one.</param>
/// <param name="Auth">For authentication settings, the threat-model auth word the setting results in (<c>none</c> when it switches authentication off).</param>
public sealed record ServiceSetting(ServiceSettingKind Kind, string Name, string? Value, string? Auth)
{
    /// <summary>Whether a value seen in a file matches this setting's <see cref="Value"/>.</summary>
    public bool Matches(string? seen) => Value switch
    {
        null => !string.IsNullOrEmpty(Unquote(seen)),
        "" => string.IsNullOrEmpty(Unquote(seen)),
        _ => string.Equals(Unquote(seen), Value, StringComparison.OrdinalIgnoreCase),
    };

    private static string? Unquote(string? value)
    {
        var v = value?.Trim();
        return v is { Length: >= 2 } && (v[0] is '\'' or '"') && v[^1] == v[0] ? v[1..^1] : v;
    }
}
