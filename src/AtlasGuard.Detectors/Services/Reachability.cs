namespace AtlasGuard.Detectors.Services;

/// <summary>How a port of a launched service is reached from other machines.</summary>
/// <param name="How">Why, for messages.</param>
/// <param name="Line">The file line that makes it so.</param>
/// <param name="ByDefault">Whether only the program's default bind address makes it so (nothing in the file asks for it).</param>
internal sealed record Reach(string How, int Line, bool ByDefault = false);

/// <summary>
/// Decides whether a service's port is reachable from beyond its machine or pod: on the host by the address it
/// binds, in a container by the ports published on all host interfaces, in a pod by the Services and Ingresses
/// in front of it, in an image by what it exposes and binds. An explicit loopback bind closes every way in.
/// </summary>
internal static class Reachability
{
    /// <summary>The listen address the launch sets, with the setting that sets it, or null.</summary>
    public static (string Value, string Setting, int Line)? Listen(ServiceLaunch launch)
    {
        foreach (var setting in launch.Service.ListenSettings)
        {
            if (launch.ValueOf(setting) is { } value)
            {
                return (value.Trim('"', '\''), setting.Name, launch.LineOf(setting));
            }
        }

        return null;
    }

    public static bool IsAllInterfaces(string? address)
    {
        var a = (address ?? string.Empty).Trim('"', '\'', ' ');
        return a is "0.0.0.0" or "::" or "*" or "[::]" or "true" || a.StartsWith("0.0.0.0:", StringComparison.Ordinal) || a.StartsWith("[::]:", StringComparison.Ordinal)
            || a.StartsWith("http://0.0.0.0", StringComparison.Ordinal) || a.StartsWith("https://0.0.0.0", StringComparison.Ordinal);
    }

    /// <summary>
    /// How <paramref name="defaultPort"/> (moved by port flags) is reachable, or null. <paramref name="listenApplies"/> is
    /// false for ports the listen setting does not govern (Ray's GCS and client ports listen on the node address).
    /// </summary>
    public static Reach? Of(ServiceLaunch launch, int defaultPort, bool listenApplies = true)
    {
        var port = launch.PortOf(defaultPort);
        var listen = listenApplies ? Listen(launch) : null;
        var listensAll = listen is { } l ? IsAllInterfaces(l.Value) : (launch.DefaultListen ?? launch.Service.DefaultListen) == "all" || !listenApplies;
        if (launch.Context == LaunchContext.Host || launch.HostNetwork)
        {
            if (!listensAll)
            {
                return null;
            }

            var how = listen is { } set ? $"{set.Setting} {Shown(set.Value)} listens on all interfaces" : "it listens on all interfaces by default";
            return new Reach(launch.HostNetwork ? how + " of the host (host networking)" : how, listen?.Line ?? launch.FlagLine, listen is null);
        }

        if (listen is not null && !listensAll)
        {
            return null;
        }

        if (launch.Context == LaunchContext.Image && !listensAll)
        {
            return null;
        }

        return launch.Open.FirstOrDefault(o => o.Covers(port)) is { } open ? new Reach(open.How, open.Line) : null;
    }

    /// <summary>The first of several default ports that is reachable, with the port.</summary>
    public static (int Port, Reach Reach)? First(ServiceLaunch launch, IEnumerable<int> ports, bool listenApplies = true)
    {
        foreach (var port in ports)
        {
            if (Of(launch, port, listenApplies) is { } reach)
            {
                return (launch.PortOf(port), reach);
            }
        }

        return null;
    }

    private static string Shown(string value) => value.Length == 0 ? "''" : value.Length > 40 ? value[..40] + "…" : value;
}
