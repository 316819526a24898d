using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Compose;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>A compose service's exposure and dashboard exposure, from <c>ports:</c> and <c>network_mode</c>.</summary>
internal static class ComposeExposure
{
    public static void Apply(DraftComponent component, MlopsService service, JsonObject svc, string pointer, YamlDoc doc, string path)
    {
        if (YamlNodes.Text(svc, "network_mode") == "host")
        {
            var line = doc.Line(SourceMap.Child(pointer, "network_mode"));
            component.AddEvidence(path, line, "network_mode: host: every port it listens on is a port of the host");
            Exposures.Raise(component, "internet", $"network_mode: host ({path}:{line}); narrow this if a firewall stands in front");
            Exposures.RaiseDashboard(component, "internet", "network_mode: host");
            return;
        }

        var published = false;
        if (YamlNodes.Array(svc, "ports") is { } ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                var at = SourceMap.Child(SourceMap.Child(pointer, "ports"), i);
                var port = PublishedPort.FromNode(ports[i]);
                if (port is null)
                {
                    continue;
                }

                published = true;
                Publish(component, service, port, path, doc.Line(at));
            }
        }

        if (!published)
        {
            Exposures.Raise(component, "internal", "no port published: reachable from the compose network only");
            if (service.DashboardPort is not null)
            {
                Exposures.RaiseDashboard(component, "internal", "dashboard port not published");
            }
        }
    }

    private static void Publish(DraftComponent component, MlopsService service, PublishedPort port, string path, int line)
    {
        var role = service.Ports.FirstOrDefault(p => port.Covers(p.Port))?.Role;
        var what = role is null ? $"port {port.Written}" : $"port {port.Written} ({role})";
        var (level, fact) = port.Binding switch
        {
            HostBinding.All => ("internet", $"{what} published on all host interfaces"),
            HostBinding.Loopback => ("internal", $"{what} published on the loopback interface only"),
            HostBinding.Specific => ("internal", $"{what} published on host address {port.HostAddress}"),
            _ => ((string?)null, $"{what} published on a host address set by a variable"),
        };
        component.AddEvidence(path, line, fact);
        if (level is null)
        {
            component.Todos.Add($"{what} is published on an address chosen at run time ({path}:{line}): set exposure accordingly.");
            return;
        }

        if (port.Binding == HostBinding.Specific)
        {
            component.Todos.Add($"{what} is published on {port.HostAddress} ({path}:{line}): raise exposure if that address is reachable from outside.");
        }

        var reason = level == "internet" ? $"{fact} ({path}:{line}); narrow this if a firewall stands in front" : $"{fact} ({path}:{line})";
        Exposures.Raise(component, level, reason);
        if (service.DashboardPort is { } dashboard && port.Covers(dashboard))
        {
            Exposures.RaiseDashboard(component, level, fact);
        }
    }
}
