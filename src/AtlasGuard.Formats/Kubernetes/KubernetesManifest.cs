using System.Text.Json.Nodes;
using AtlasGuard.Formats.Compose;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.Kubernetes;

/// <summary>A container of a pod template: its command words and environment, with JSON pointers for lines.</summary>
/// <param name="Image">The image reference, or null.</param>
/// <param name="Words">The <c>command</c> followed by the <c>args</c>, split into words.</param>
/// <param name="CommandPointer">The pointer of <c>args</c> when present, else of <c>command</c>.</param>
/// <param name="Environment">The <c>env</c> entries; a value taken from a Secret is written as <c>(from a Secret)</c>.</param>
/// <param name="Pointer">The pointer of the container.</param>
public sealed record KubernetesContainer(string? Image, IReadOnlyList<string> Words, string CommandPointer, IReadOnlyList<EnvironmentEntry> Environment, string Pointer);

/// <summary>The structure of Kubernetes manifests that more than one reader needs: where pods live, containers, selectors, Ingress backends.</summary>
public static class KubernetesManifest
{
    /// <summary>The value written for an environment variable whose value comes from a Secret.</summary>
    public const string FromSecret = "(from a Secret)";

    /// <summary>A cheap test before parsing: the text names both <c>apiVersion:</c> and <c>kind:</c>.</summary>
    public static bool LooksLikeManifest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal);
    }

    /// <summary>
    /// The objects of a manifest stream: each document, except that a <c>List</c> (what <c>kubectl get -o yaml</c>
    /// writes, and <c>ServiceList</c>-style API lists) gives its items instead, located at their lines in the file.
    /// </summary>
    public static IEnumerable<YamlDocument> Objects(IEnumerable<YamlDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            if (IsList(document.Root))
            {
                foreach (var item in document.ItemsOf("items"))
                {
                    yield return item;
                }
            }
            else
            {
                yield return document;
            }
        }
    }

    /// <summary>Whether a document is a list of objects (<c>kind: List</c> or <c>kind: ...List</c> with <c>items</c>).</summary>
    public static bool IsList(JsonNode? root) =>
        YamlNodes.Text(root, "kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && YamlNodes.Array(root, "items") is not null;

    /// <summary>The pointer of the pod template of a workload kind ("" for a Pod), or null when the kind has none.</summary>
    public static string? PodTemplatePointer(string? kind) => kind switch
    {
        "Pod" => string.Empty,
        "CronJob" => "/spec/jobTemplate/spec/template",
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "ReplicationController" => "/spec/template",
        _ => null,
    };

    /// <summary>The document's namespace, <c>default</c> when unset.</summary>
    public static string Namespace(JsonNode? root) => YamlNodes.Text(YamlNodes.Object(root, "metadata"), "namespace") ?? "default";

    /// <summary>The document's name, or null.</summary>
    public static string? Name(JsonNode? root) => YamlNodes.Text(YamlNodes.Object(root, "metadata"), "name");

    /// <summary>The node at a JSON pointer made of plain keys (no array indexes), or null.</summary>
    public static JsonObject? ObjectAt(JsonNode? root, string pointer) =>
        pointer.Length == 0 ? root as JsonObject : YamlNodes.Object(root, pointer.Trim('/').Split('/'));

    /// <summary>Reads one container of a pod spec.</summary>
    public static KubernetesContainer Container(JsonNode? container, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var words = new List<string>(YamlNodes.Words((container as JsonObject)?["command"]));
        words.AddRange(YamlNodes.Words((container as JsonObject)?["args"]));
        var commandPointer = YamlSourceMap.Child(pointer, (container as JsonObject)?.ContainsKey("args") == true ? "args" : "command");
        var environment = new List<EnvironmentEntry>();
        var env = YamlNodes.Array(container, "env") ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            if (YamlNodes.Text(env[i], "name") is { } name)
            {
                var fromSecret = YamlNodes.Object(env[i], "valueFrom", "secretKeyRef") is not null;
                environment.Add(new EnvironmentEntry(name, YamlNodes.Text(env[i], "value") ?? (fromSecret ? FromSecret : null), YamlSourceMap.Child(YamlSourceMap.Child(pointer, "env"), i)));
            }
        }

        return new KubernetesContainer(YamlNodes.Text(container, "image"), words, commandPointer, environment, pointer);
    }

    /// <summary>The containers of the pod spec at <paramref name="specPointer"/> (the <c>containers</c> list only).</summary>
    public static IReadOnlyList<KubernetesContainer> Containers(JsonNode? root, string specPointer)
    {
        var containers = YamlNodes.Array(ObjectAt(root, specPointer), "containers") ?? [];
        var result = new List<KubernetesContainer>();
        for (var i = 0; i < containers.Count && i < 100; i++)
        {
            result.Add(Container(containers[i], YamlSourceMap.Child(YamlSourceMap.Child(specPointer, "containers"), i)));
        }

        return result;
    }

    /// <summary>Whether a Service selector (all pairs must match) selects pods with <paramref name="labels"/>; an empty selector selects nothing.</summary>
    public static bool Selects(IReadOnlyDictionary<string, string?> selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        return selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
    }

    /// <summary>A Service's selector, or an empty map.</summary>
    public static Dictionary<string, string?> Selector(JsonNode? service) =>
        YamlNodes.Object(service, "spec", "selector")?.ToDictionary(s => s.Key, s => YamlNodes.Text(s.Value), StringComparer.Ordinal)
        ?? new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The labels of a pod template (or of any object's metadata), text values only.</summary>
    public static Dictionary<string, string> Labels(JsonNode? template) =>
        YamlNodes.Object(template, "metadata", "labels")?.Where(l => YamlNodes.Text(l.Value) is not null)
            .ToDictionary(l => l.Key, l => YamlNodes.Text(l.Value)!, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);

    /// <summary>The names of the Services an Ingress routes to (default backend and rule paths, both API versions' spellings).</summary>
    public static IEnumerable<string> IngressBackends(JsonNode? ingress)
    {
        var spec = YamlNodes.Object(ingress, "spec");
        if (YamlNodes.Text(YamlNodes.Object(spec, "defaultBackend", "service"), "name") is { } fallback)
        {
            yield return fallback;
        }

        if (YamlNodes.Text(YamlNodes.Object(spec, "backend"), "serviceName") is { } old)
        {
            yield return old;
        }

        foreach (var rule in YamlNodes.Array(spec, "rules") ?? [])
        {
            foreach (var p in YamlNodes.Array(YamlNodes.Object(rule, "http"), "paths") ?? [])
            {
                var backend = YamlNodes.Object(p, "backend");
                if ((YamlNodes.Text(YamlNodes.Object(backend, "service"), "name") ?? YamlNodes.Text(backend, "serviceName")) is { } service)
                {
                    yield return service;
                }
            }
        }
    }

    /// <summary>The port numbers a Service names (<c>port</c> and numeric <c>targetPort</c>), sorted and distinct.</summary>
    public static IReadOnlyList<int> ServicePorts(JsonNode? service) =>
        (YamlNodes.Array(YamlNodes.Object(service, "spec"), "ports") ?? [])
            .SelectMany(p => new[] { YamlNodes.Int(YamlNodes.Object(p)?["port"]), YamlNodes.Int(YamlNodes.Object(p)?["targetPort"]) })
            .OfType<int>().Distinct().Order().ToList();

    /// <summary>Whether an Ingress asks an auth provider through a well-known annotation (nginx auth-url/auth-type, Traefik forward auth, oauth2-proxy).</summary>
    public static bool IngressHasAuthAnnotation(JsonNode? ingress) => HasAuthAnnotation(YamlNodes.Object(ingress, "metadata", "annotations"));

    /// <summary>Whether an annotations map asks an auth provider (nginx auth-url/auth-type/auth-signin, Traefik forward-auth middlewares).</summary>
    public static bool HasAuthAnnotation(JsonObject? annotations) =>
        annotations is not null
        && annotations.Any(a => a.Key.EndsWith("/auth-url", StringComparison.Ordinal) || a.Key.EndsWith("/auth-type", StringComparison.Ordinal)
            || a.Key.EndsWith("/auth-signin", StringComparison.Ordinal) || a.Key.Contains("forwardauth", StringComparison.OrdinalIgnoreCase)
            || (a.Key.EndsWith("router.middlewares", StringComparison.Ordinal) && (YamlNodes.Text(a.Value) ?? string.Empty).Contains("auth", StringComparison.OrdinalIgnoreCase)));
}
