using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// Helm values files of known charts: a block whose image (or chart folder) is a known product and that sets
/// <c>service.type</c> to LoadBalancer or NodePort, or <c>ingress.enabled: true</c>, opens that product to other
/// networks. Arguments (<c>args</c>, <c>extraArgs</c>, <c>rayStartParams</c>) and environment (<c>env</c>,
/// <c>extraEnv</c>, <c>extraEnvVars</c>) of the same block feed the product checks.
/// </summary>
internal static class HelmValues
{
    private const int MaxDepth = 8;

    public static bool IsValuesFileName(string name)
    {
        var lower = name.ToLowerInvariant();
        var yaml = lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal);
        return yaml && (lower.StartsWith("values", StringComparison.Ordinal) || lower.Contains(".values.", StringComparison.Ordinal));
    }

    public static List<ServiceLaunch> Read(YamlDocument doc, string path, MlopsServiceCatalog catalog)
    {
        var launches = new List<ServiceLaunch>();
        var chart = catalog.Services.FirstOrDefault(s => path.Split('/').Any(segment => segment.Equals(s.Id, StringComparison.OrdinalIgnoreCase)
            || segment.Equals(s.Id + "-chart", StringComparison.OrdinalIgnoreCase) || (s.Id == "ray" && segment.StartsWith("ray-cluster", StringComparison.OrdinalIgnoreCase))));
        chart ??= FirstProduct(doc.Root as JsonObject, catalog, 0);
        Walk(doc, doc.Root as JsonObject, string.Empty, chart, catalog, launches, 0);
        return launches;
    }

    // The chart's product when the file's blocks do not name their own: the first known image anywhere (global.image ...).
    private static MlopsService? FirstProduct(JsonObject? node, MlopsServiceCatalog catalog, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return null;
        }

        return ProductOf(node, catalog) ?? node.Select(c => FirstProduct(c.Value as JsonObject, catalog, depth + 1)).FirstOrDefault(p => p is not null);
    }

    private static void Walk(YamlDocument doc, JsonObject? node, string pointer, MlopsService? inherited, MlopsServiceCatalog catalog, List<ServiceLaunch> launches, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return;
        }

        var product = ProductOf(node, catalog) ?? inherited;
        if (product is not null && Launch(doc, node, pointer, product) is { } launch)
        {
            launches.Add(launch);
        }

        foreach (var (key, child) in node.ToList())
        {
            if (child is JsonObject obj && key is not ("service" or "ingress" or "image" or "env" or "extraEnv"))
            {
                Walk(doc, obj, YamlSourceMap.Child(pointer, key), product, catalog, launches, depth + 1);
            }
        }
    }

    private static MlopsService? ProductOf(JsonObject node, MlopsServiceCatalog catalog)
    {
        if (YamlNodes.Text(node, "image") is { } image)
        {
            return catalog.MatchImage(image);
        }

        var block = YamlNodes.Object(node, "image");
        return YamlNodes.Text(block, "repository") is { } repository
            ? catalog.MatchImage(YamlNodes.Text(block, "registry") is { } registry ? registry + "/" + repository : repository)
            : null;
    }

    private static ServiceLaunch? Launch(YamlDocument doc, JsonObject node, string pointer, MlopsService product)
    {
        var open = new List<OpenPort>();
        if (YamlNodes.Text(YamlNodes.Object(node, "service"), "type") is "LoadBalancer" or "NodePort" && YamlNodes.Array(YamlNodes.Object(node, "service"), "loadBalancerSourceRanges") is not { Count: > 0 })
        {
            open.Add(OpenPort.Every($"{Label(pointer)}service.type: {YamlNodes.Text(YamlNodes.Object(node, "service"), "type")}", doc.Line(pointer + "/service/type")));
        }

        var ingress = YamlNodes.Object(node, "ingress");
        if (YamlNodes.Text(ingress, "enabled") == "true")
        {
            open.Add(OpenPort.Every($"{Label(pointer)}ingress.enabled: true", doc.Line(pointer + "/ingress/enabled")));
        }

        if (open.Count == 0)
        {
            return null;
        }

        var words = new List<string>();
        foreach (var key in new[] { "command", "args", "extraArgs" })
        {
            words.AddRange(node[key] is JsonObject map ? map.Select(a => $"--{a.Key}={YamlNodes.Text(a.Value)}") : ComposeLaunches.Words(node[key]));
        }

        foreach (var holder in new[] { node, YamlNodes.Object(node, "head") })
        {
            words.AddRange((YamlNodes.Object(holder, "rayStartParams") ?? []).Select(p => $"--{p.Key}={YamlNodes.Text(p.Value)}"));
        }

        var launch = new ServiceLaunch
        {
            Service = product,
            Context = LaunchContext.Pod,
            Where = $"Helm values {(pointer.Length == 0 ? "(top level)" : "'" + pointer.Trim('/').Replace('/', '.') + "'")}",
            Line = open[0].Line,
            Words = words,
            CommandLine = doc.Line(pointer),
            DefaultListen = product.Id == "ray" ? "all" : null,
        };
        launch.Open.AddRange(open);
        foreach (var key in new[] { "env", "extraEnv", "extraEnvVars" })
        {
            Environment(doc, node[key], YamlSourceMap.Child(pointer, key), launch);
        }

        if (YamlNodes.Text(YamlNodes.Object(node, "auth"), "enabled") == "true")
        {
            launch.FrontAuth = "auth.enabled: true";
        }
        else if (KubernetesManifest.HasAuthAnnotation(YamlNodes.Object(ingress, "annotations")))
        {
            launch.FrontAuth = "ingress authentication annotation";
        }

        return launch;
    }

    private static void Environment(YamlDocument doc, JsonNode? env, string pointer, ServiceLaunch launch)
    {
        if (env is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                launch.Env[key] = (YamlNodes.Text(value), doc.Line(YamlSourceMap.Child(pointer, key)));
            }
        }
        else if (env is JsonArray list)
        {
            for (var i = 0; i < list.Count && i < 500; i++)
            {
                if (YamlNodes.Text(list[i], "name") is { } name)
                {
                    launch.Env[name] = (YamlNodes.Text(list[i], "value"), doc.Line(YamlSourceMap.Child(pointer, i)));
                }
            }
        }
    }

    private static string Label(string pointer) => pointer.Length == 0 ? string.Empty : pointer.Trim('/').Replace('/', '.') + ".";
}
