using System.Text.RegularExpressions;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>
/// Flows from addresses: when a component's environment or command names another component's host (a compose
/// service name, a Kubernetes Service), a flow runs from the caller to the service it calls. An <c>http://</c>
/// address makes the flow unencrypted, <c>https://</c> encrypted; anything else leaves it unknown.
/// </summary>
internal static partial class FlowInference
{
    private const int MaxValueLength = 4096;

    public static List<DraftFlow> Infer(DraftDocument draft)
    {
        var byHost = new Dictionary<string, DraftComponent>(StringComparer.OrdinalIgnoreCase);
        foreach (var component in draft.Components.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            foreach (var host in component.HostNames)
            {
                byHost.TryAdd(component.Scope + "|" + host, component);
            }
        }

        var flows = new Dictionary<(string, string), DraftFlow>();
        foreach (var known in draft.Flows)
        {
            flows.TryAdd((known.From, known.To), known);
        }

        foreach (var component in draft.Components)
        {
            foreach (var (value, path, line) in component.Addresses.OrderBy(a => a.Path, StringComparer.Ordinal).ThenBy(a => a.Line))
            {
                var text = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
                foreach (Match m in Address().Matches(text))
                {
                    var host = m.Groups["host"].Value;
                    var target = Find(byHost, component.Scope, host);
                    if (target is null || target == component || flows.ContainsKey((component.Id, target.Id)))
                    {
                        continue;
                    }

                    var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
                    bool? encrypted = scheme switch { "http" or "ws" => false, "https" or "wss" => true, _ => null };
                    var shown = m.Value.Contains('@', StringComparison.Ordinal) ? scheme + "://" + host + ":" + m.Groups["port"].Value : m.Value;
                    flows[(component.Id, target.Id)] = new DraftFlow(component.Id, target.Id, encrypted, path, line, $"{component.Id} is configured to call {shown}");
                }
            }
        }

        return [.. flows.Values.OrderBy(f => f.From, StringComparer.Ordinal).ThenBy(f => f.To, StringComparer.Ordinal)];
    }

    private static DraftComponent? Find(Dictionary<string, DraftComponent> byHost, string scope, string host)
    {
        if (byHost.TryGetValue(scope + "|" + host, out var exact))
        {
            return exact;
        }

        // In-cluster names name their namespace: svc.namespace.svc.cluster.local and svc.namespace.
        var parts = host.Split('.');
        var inCluster = host.Contains(".svc", StringComparison.OrdinalIgnoreCase) || parts.Length == 2;
        return scope.StartsWith("k8s:", StringComparison.Ordinal) && parts.Length >= 2 && inCluster
            && byHost.TryGetValue("k8s:" + parts[1] + "|" + parts[0], out var service) ? service : null;
    }

    [GeneratedRegex(@"(?:(?<scheme>[A-Za-z][A-Za-z0-9+.-]{0,15})://)?(?:[^\s/@'""]{1,200}@)?(?<host>[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}):(?<port>[0-9]{2,5})\b", RegexOptions.None, 1000)]
    private static partial Regex Address();
}
